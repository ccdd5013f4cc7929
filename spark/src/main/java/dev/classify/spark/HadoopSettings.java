package dev.classify.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;

/**
 * The driver's Hadoop configuration (file systems, S3A credentials set as {@code spark.hadoop.*}),
 * carried to the executors with the tasks, where executors read the model and {@code .npy} files.
 * Immutable.
 */
final class HadoopSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    private final byte[] written;
    private transient Configuration configuration;

    HadoopSettings(Configuration configuration) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            configuration.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.written = bytes.toByteArray();
        this.configuration = configuration;
    }

    /** The configuration, read back once per deserialized copy. */
    synchronized Configuration configuration() {
        if (configuration == null) {
            Configuration read = new Configuration(false);
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(written))) {
                read.readFields(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            configuration = read;
        }
        return configuration;
    }
}
