package dev.classify.engine.train.listener;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writing into the run folder from a listener method, which cannot throw {@link IOException}: the
 * failure leaves it unchecked, and the loop rethrows the {@link IOException} it wraps.
 */
@FunctionalInterface
interface FileWrite {
    void write() throws IOException;

    /** Runs {@code write}, its {@link IOException} wrapped in an {@link UncheckedIOException}. */
    static void run(FileWrite write) {
        try {
            write.write();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
