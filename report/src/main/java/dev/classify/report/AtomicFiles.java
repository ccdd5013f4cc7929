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
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Writes files and folders under a temporary name beside their target, then moves them into place,
 * so that a crash or an error never leaves a half-written output over a good one. A failure is a
 * {@link FileWriteException} naming the target and the reason.
 *
 * <p>A folder cannot replace another in one rename, so {@link #writeDirectory} goes through hidden
 * siblings of the target: {@code .NAME.tmp-STAMP} while it is written, {@code .NAME.new-STAMP} once
 * complete (the commit point), then the old folder moves away to {@code .NAME.old-STAMP} and the
 * new one in. A process killed between two of these steps leaves siblings that {@link
 * FolderRecovery} turns back into exactly one whole folder: the new one once committed, else the
 * old one.
 *
 * <p>Thread safe for different targets; one writer per target at a time.
 */
public final class AtomicFiles {
    /** Produces content into a writer or a folder. */
    @FunctionalInterface
    public interface Content<T> {
        void writeTo(T target) throws IOException;
    }

    /** The steps of {@link #writeDirectory}, in order, as a test hears them. */
    enum Step {
        /** The new folder is complete under its temporary name. */
        WRITTEN,
        /** The new folder is renamed to {@code .NAME.new-STAMP}: it will replace the old one. */
        COMMITTED,
        /** The old folder is renamed away to {@code .NAME.old-STAMP}; the target is absent. */
        MOVED_AWAY,
        /** The new folder is the target; the old one is not yet deleted. */
        MOVED_IN
    }

    /**
     * Hears every step of {@link #writeDirectory} with its target: tests halt the JVM there to
     * leave what a crash leaves. Does nothing otherwise.
     */
    static volatile BiConsumer<Path, Step> steps = (target, step) -> {};

    private static final AtomicLong SEQUENCE = new AtomicLong();

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

    /**
     * Writes {@code target} as bytes through {@code content}.
     *
     * @throws FileWriteException naming {@code target} when it cannot be written (also when {@code
     *     content} fails with an {@link IOException}); {@code target} is then left as it was
     */
    public static void writeBytes(Path target, Content<OutputStream> content) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Path temporary = parent.resolve(FolderRecovery.temporaryFileName(target));
        try {
            Files.createDirectories(parent);
            try (OutputStream out =
                    new BufferedOutputStream(
                            Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW))) {
                content.writeTo(out);
            }
            move(temporary, target);
        } catch (IOException e) {
            throw FileWriteException.of(target, e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    /**
     * Fills a new folder through {@code content} and puts it at {@code target}, replacing it.
     *
     * @throws FileWriteException naming {@code target} when it cannot be written (also when {@code
     *     content} fails with an {@link IOException}); {@code target} is then left as it was
     */
    public static void writeDirectory(Path target, Content<Path> content) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        String stamp = stamp();
        Path temporary = parent.resolve(FolderRecovery.name(target, FolderRecovery.WRITING, stamp));
        Path fresh = parent.resolve(FolderRecovery.name(target, FolderRecovery.COMMITTED, stamp));
        Path old = parent.resolve(FolderRecovery.name(target, FolderRecovery.REPLACED, stamp));
        try {
            Files.createDirectories(parent);
            // Not createTempDirectory: its owner-only permissions would stay on the moved folder.
            Files.createDirectory(temporary);
            content.writeTo(temporary);
            steps.accept(target, Step.WRITTEN);
            Files.move(temporary, fresh, StandardCopyOption.ATOMIC_MOVE);
            steps.accept(target, Step.COMMITTED);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                steps.accept(target, Step.MOVED_AWAY);
            }
            Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
            steps.accept(target, Step.MOVED_IN);
        } catch (IOException e) {
            FileWriteException failure = FileWriteException.of(target, e);
            undo(target, fresh, old, failure);
            throw failure;
        } finally {
            deleteQuietly(temporary);
        }
        // The new folder is in place: an old one that cannot be deleted now is a leftover that
        // FolderRecovery removes later.
        deleteQuietly(old);
    }

    /** After a failed replacement: the old folder back in place, the new one gone. */
    private static void undo(Path target, Path fresh, Path old, IOException failure) {
        try {
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS) && Files.exists(old)) {
                Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
        deleteQuietly(fresh);
    }

    /**
     * Whether {@code name} is what writing {@code targetName} leaves beside it while it runs or
     * when its process is killed: a hidden temporary file or folder, or a new or old copy of a
     * folder.
     */
    public static boolean isLeftover(String name, String targetName) {
        return FolderRecovery.isLeftoverOf(name, targetName);
    }

    /**
     * A stamp that orders the replacements of one target by time, unique per process: epoch
     * milliseconds (13 digits, so that stamps also sort as text), process id and a sequence number.
     */
    private static String stamp() {
        return String.format(
                java.util.Locale.ROOT,
                "%013d-%d-%d",
                System.currentTimeMillis(),
                ProcessHandle.current().pid(),
                SEQUENCE.incrementAndGet());
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

    /**
     * Deletes {@code path} (a file or a folder tree) if present. One that cannot be deleted stays
     * as a hidden leftover, which {@link FolderRecovery} removes later: the write's own outcome
     * matters more.
     */
    private static void deleteQuietly(Path path) {
        try {
            FolderRecovery.deleteTree(path);
        } catch (IOException e) {
            // left for FolderRecovery
        }
    }
}
