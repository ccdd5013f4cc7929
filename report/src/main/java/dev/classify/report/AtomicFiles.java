package dev.classify.report;

import java.io.BufferedOutputStream;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files and folders under a temporary name beside their target, then moves them into place,
 * so that a crash or an error never leaves a half-written output over a good one.
 */
public final class AtomicFiles {
    /** Produces content into a writer or a folder. */
    @FunctionalInterface
    public interface Content<T> {
        void writeTo(T target) throws IOException;
    }

    private AtomicFiles() {}

    /** Writes {@code target} as UTF-8 text through {@code content}. */
    public static void writeText(Path target, Content<Writer> content) throws IOException {
        writeBytes(
                target,
                out -> {
                    // The content may close its writer (a CSVPrinter does); the file stays open
                    // until writeBytes has it complete.
                    Writer writer =
                            new FilterWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                                @Override
                                public void close() throws IOException {
                                    flush();
                                }
                            };
                    content.writeTo(writer);
                    writer.flush();
                });
    }

    /** Writes {@code target} as bytes through {@code content}. */
    public static void writeBytes(Path target, Content<OutputStream> content) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = temporaryName(parent, target);
        try {
            try (OutputStream out =
                    new BufferedOutputStream(
                            Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW))) {
                content.writeTo(out);
            }
            move(temporary, target);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Fills a new folder through {@code content} and puts it at {@code target}, replacing it. */
    public static void writeDirectory(Path target, Content<Path> content) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        // Not createTempDirectory: its owner-only permissions would stay on the moved folder.
        Path temporary =
                Files.createDirectory(
                        parent.resolve("." + target.getFileName() + ".tmp-" + System.nanoTime()));
        try {
            content.writeTo(temporary);
            Path old = null;
            if (Files.exists(target)) {
                old = parent.resolve("." + target.getFileName() + ".old-" + System.nanoTime());
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            if (old != null) {
                deleteTree(old);
            }
        } finally {
            if (Files.exists(temporary)) {
                deleteTree(temporary);
            }
        }
    }

    /**
     * A hidden name beside {@code target}. Not Files.createTempFile: its owner-only permissions
     * would stay on the moved file, so that a shared submission.csv could not be read by others.
     */
    private static Path temporaryName(Path parent, Path target) {
        return parent.resolve(
                "."
                        + target.getFileName()
                        + "."
                        + ProcessHandle.current().pid()
                        + "-"
                        + System.nanoTime()
                        + ".tmp");
    }

    private static void move(Path source, Path target) throws IOException {
        try {
            Files.move(
                    source,
                    target,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
