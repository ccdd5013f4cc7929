package dev.classify.spark;

import dev.classify.api.InvalidDataException;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;

/**
 * Where a JVM (driver or executor) finds the model named by a path: a local folder as given; an
 * archive or the model's files shipped with {@code spark-submit --archives}/{@code --files}, by
 * name; or any Hadoop path (HDFS, S3A...), copied to a local temporary folder (a run folder's
 * {@code model/} alone, not its checkpoints). Stateless.
 */
final class ModelFolder {
    private static final String DESCRIPTION = "classify-model.json";

    private ModelFolder() {}

    /**
     * Returns a local folder holding the model {@code model} names, copying it when it is remote.
     *
     * @throws InvalidDataException when no such folder exists
     * @throws IOException when a remote copy fails
     */
    static Path local(String model, Configuration configuration) throws IOException {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(model);
        URI uri = path.toUri();
        boolean local = uri.getScheme() == null || uri.getScheme().equals("file");
        if (local) {
            Path folder = Path.of(uri.getPath());
            if (Files.exists(folder)) {
                return folder;
            }
            Path shipped = shipped(folder.getFileName().toString());
            if (shipped != null) {
                return shipped;
            }
            if (uri.getScheme() == null && !isDefaultFileSystemLocal(configuration)) {
                return copy(path, configuration);
            }
            throw missing(model);
        }
        return copy(path, configuration);
    }

    /**
     * What of that name was shipped to this JVM: an unpacked archive ({@code --archives
     * model.zip#model}), or the folder of a model's files given one by one ({@code --files
     * .../classify-model.json,.../model-0000.params}, named by {@code classify-model.json}); or
     * null.
     */
    private static Path shipped(String name) {
        if (SparkEnv.get() == null) {
            return null;
        }
        File file = new File(SparkFiles.get(name));
        if (file.isDirectory()) {
            return file.toPath();
        }
        return file.isFile() && name.equals(DESCRIPTION) ? file.getParentFile().toPath() : null;
    }

    private static boolean isDefaultFileSystemLocal(Configuration configuration) {
        return FileSystem.getDefaultUri(configuration).getScheme().equals("file");
    }

    private static Path copy(org.apache.hadoop.fs.Path path, Configuration configuration)
            throws IOException {
        FileSystem fs = path.getFileSystem(configuration);
        if (!fs.exists(path)) {
            throw missing(path.toString());
        }
        org.apache.hadoop.fs.Path model = new org.apache.hadoop.fs.Path(path, "model");
        org.apache.hadoop.fs.Path source =
                fs.exists(new org.apache.hadoop.fs.Path(model, DESCRIPTION)) ? model : path;
        Path target = Files.createTempDirectory("classify-model-").resolve("model");
        target.toFile().getParentFile().deleteOnExit();
        fs.copyToLocalFile(false, source, new org.apache.hadoop.fs.Path(target.toUri()), true);
        return target;
    }

    private static InvalidDataException missing(String model) {
        return new InvalidDataException(
                Path.of(model),
                "model not found; give a run folder or its model/ folder: a local path, a Hadoop"
                        + " path (hdfs://, s3a://...) or the name of an archive shipped with"
                        + " spark-submit --archives model.zip#model");
    }
}
