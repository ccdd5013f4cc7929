package dev.classify.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The lock of a run folder: its hidden file {@value RunFiles#LOCK}, locked with {@link
 * FileChannel#tryLock} by the one training that writes the folder (or resumes it), for as long as
 * it writes, so that a second training into the same folder is refused instead of mixing the two
 * runs' files. The operating system releases the lock when its process ends, however it ends; the
 * file stays, holding the process id of its last holder.
 *
 * <p>The holder may {@link #repair} the folder: finish or undo the folder replacements a killed
 * process left half done (see {@link AtomicFiles}). Readers that find such leftovers repair them
 * through {@link #repairIfIdle}, which does nothing while a training holds the lock.
 *
 * <p>One holder per folder across processes and threads; an instance is used by one thread.
 */
public final class RunFolderLock implements AutoCloseable {
    private static final int ATTEMPTS = 3;

    private final Path folder;
    private final FileChannel channel;
    private final FileLock lock;

    private RunFolderLock(Path folder, FileChannel channel, FileLock lock) {
        this.folder = folder;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of the existing folder {@code runDirectory}, creating its lock file.
     *
     * @return the lock, or empty when another process or thread holds it
     * @throws FileWriteException naming the lock file when it cannot be created or opened (a
     *     read-only folder)
     */
    public static Optional<RunFolderLock> tryLock(Path runDirectory) throws FileWriteException {
        Path file = runDirectory.resolve(RunFiles.LOCK);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            FileChannel channel;
            try {
                channel =
                        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw FileWriteException.of(file, e);
            }
            try {
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    channel.close();
                    return Optional.empty();
                }
                if (Files.exists(file)) {
                    writeProcessId(channel);
                    return Optional.of(new RunFolderLock(runDirectory, channel, lock));
                }
                // The holder deleted the file (an unfinished run removing itself) between our
                // open and our lock: that lock guards nothing. Try the folder's file again.
                channel.close();
            } catch (OverlappingFileLockException e) {
                closeQuietly(channel);
                return Optional.empty();
            } catch (IOException e) {
                closeQuietly(channel);
                throw FileWriteException.of(file, e);
            }
        }
        return Optional.empty();
    }

    /** The process id written by the holder of {@code runDirectory}'s lock, if readable. */
    public static OptionalLong holder(Path runDirectory) {
        try {
            String text = Files.readString(runDirectory.resolve(RunFiles.LOCK)).trim();
            return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Whether {@code runDirectory} holds what a killed write left: a half-done replacement of
     * {@code model/}, {@code checkpoints/last} or {@code checkpoints/best}, or a temporary file of
     * an ended process.
     */
    public static boolean needsRepair(Path runDirectory) throws IOException {
        for (Path target : replacedFolders(runDirectory)) {
            if (FolderRecovery.hasLeftovers(target)) {
                return true;
            }
        }
        for (Path folder : fileFolders(runDirectory)) {
            if (!FolderRecovery.deadFiles(folder).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * For a command that reads {@code runDirectory}: {@link #repair}s it when it needs it and no
     * training holds its lock (a training's leftovers are its work in progress).
     *
     * @return the folders that changed, as {@link #repair}
     * @throws FileWriteException when a repair is due but the folder cannot be written
     */
    public static List<Path> repairIfIdle(Path runDirectory) throws IOException {
        if (!Files.isDirectory(runDirectory) || !needsRepair(runDirectory)) {
            return List.of();
        }
        Optional<RunFolderLock> lock = tryLock(runDirectory);
        if (lock.isEmpty()) {
            return List.of();
        }
        try (RunFolderLock held = lock.get()) {
            return held.repair();
        }
    }

    /**
     * Finishes or undoes every half-done replacement of {@code model/}, {@code checkpoints/last}
     * and {@code checkpoints/best} (the complete new copy wins, else the old one comes back) and
     * deletes the temporary files of ended processes in the run folder and its {@code evaluation/}.
     *
     * @return the folders that changed (a copy moved in), in that order
     * @throws FileWriteException naming a folder that cannot be repaired
     */
    public List<Path> repair() throws IOException {
        List<Path> changed = new ArrayList<>();
        for (Path target : replacedFolders(folder)) {
            try {
                if (FolderRecovery.recover(target)) {
                    changed.add(target);
                }
            } catch (IOException e) {
                throw FileWriteException.of(target, e);
            }
        }
        for (Path files : fileFolders(folder)) {
            try {
                FolderRecovery.removeDeadFiles(files);
            } catch (IOException e) {
                throw FileWriteException.of(files, e);
            }
        }
        return changed;
    }

    /**
     * Deletes the lock file, for a run that removes its folder; the lock itself holds until {@link
     * #close}.
     */
    public void deleteFile() throws IOException {
        Files.deleteIfExists(folder.resolve(RunFiles.LOCK));
    }

    /** Releases the lock. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    private static List<Path> replacedFolders(Path runDirectory) {
        Path checkpoints = runDirectory.resolve(RunFiles.CHECKPOINTS);
        return List.of(
                runDirectory.resolve(RunFiles.MODEL),
                checkpoints.resolve(RunFiles.LAST_CHECKPOINT),
                checkpoints.resolve(RunFiles.BEST_CHECKPOINT));
    }

    private static List<Path> fileFolders(Path runDirectory) {
        return List.of(runDirectory, runDirectory.resolve(RunFiles.EVALUATION));
    }

    /** Tells a refused second run who holds the folder; a failure to write it changes nothing. */
    private static void writeProcessId(FileChannel channel) {
        try {
            channel.truncate(0);
            channel.write(
                    ByteBuffer.wrap(
                            (ProcessHandle.current().pid() + "\n")
                                    .getBytes(StandardCharsets.US_ASCII)),
                    0);
        } catch (IOException e) {
            // a full disk: the lock holds all the same
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing held
        }
    }
}
