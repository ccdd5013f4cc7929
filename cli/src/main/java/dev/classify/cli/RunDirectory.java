package dev.classify.cli;

import dev.classify.engine.config.OutputConfig;
import dev.classify.report.FileWriteException;
import dev.classify.report.RunFolderLock;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The run folder: chosen so that a run never writes into a used one, created with its missing
 * parents and locked for the run (see {@link RunFolderLock}), and removed again (with the parents
 * it created) when the run fails before training. A folder holding only an {@link UnfinishedStart}
 * (a run stopped before its first checkpoint) counts as unused: its files are replaced.
 */
final class RunDirectory implements AutoCloseable {
    private final Path path;
    private final List<Path> created;
    private final RunFolderLock lock;
    private final List<Path> replaced;
    private boolean closed;

    private RunDirectory(Path path, List<Path> created, RunFolderLock lock, List<Path> replaced) {
        this.path = path;
        this.created = List.copyOf(created);
        this.lock = lock;
        this.replaced = List.copyOf(replaced);
    }

    /**
     * Creates and locks the run folder: {@code --output} if given, else {@code output.dir}, else
     * {@code runs/<name>} numbered {@code -2}, {@code -3}... past used ones. The lock holds until
     * {@link #close}.
     *
     * @throws UsageException when a named folder is a file, is not empty, is being written by
     *     another training, or cannot be created or written
     * @throws IOException when an unfinished start cannot be repaired or replaced
     */
    static RunDirectory create(OutputConfig config, Path override, String name) throws IOException {
        if (override != null) {
            return take(override, "--output");
        }
        if (config.dir() != null) {
            return take(Path.of(config.dir()), "output.dir");
        }
        for (int i = 1; ; i++) {
            Path path = i == 1 ? Path.of("runs", name) : Path.of("runs", name + "-" + i);
            if (Files.exists(path) && !Files.isDirectory(path)) {
                continue;
            }
            Optional<RunDirectory> claimed = claim(path, "--output", false);
            if (claimed.isPresent()) {
                return claimed.get();
            }
        }
    }

    /** Returns the configuration file's name without its extension, e.g. {@code quickstart}. */
    static String nameOf(Path configFile) {
        String name = configFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    Path path() {
        return path;
    }

    /** The files and folders of an unfinished start that this run replaced; empty usually. */
    List<Path> replaced() {
        return replaced;
    }

    /**
     * After a failure or an interruption before the first epoch ended: deletes what the run wrote
     * (its configuration copy, hold-out ids, log and lock file) and the folders this run created,
     * so that the same command can run again, and releases the lock.
     */
    void removeUnfinished() {
        if (closed) {
            return;
        }
        try {
            Optional<List<Path>> entries = UnfinishedStart.entries(path, true);
            if (entries.isEmpty()) {
                return;
            }
            UnfinishedStart.delete(entries.get());
            lock.deleteFile();
            close();
            for (Path folder : created) {
                if (isEmptyOrAbsent(folder)) {
                    Files.deleteIfExists(folder);
                }
            }
        } catch (IOException e) {
            // Leaving an empty folder behind is harmless.
        }
    }

    /** Releases the run folder's lock. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            lock.close();
        } catch (IOException e) {
            // The process ends soon, and its lock with it.
        }
    }

    /** Takes the named folder {@code directory} or says why not. */
    private static RunDirectory take(Path directory, String option) throws IOException {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new UsageException(
                    directory + ": is a file, not a folder; choose another " + option);
        }
        return claim(directory, option, true).orElseThrow();
    }

    /**
     * Creates {@code directory} and takes its lock, when it is absent, empty or an unfinished start
     * (checked again under the lock: a run that took it meanwhile has written into it).
     *
     * @param refuse whether to throw when it is taken, instead of returning empty
     */
    private static Optional<RunDirectory> claim(Path directory, String option, boolean refuse)
            throws IOException {
        if (!holdsOnlyAStart(directory)) {
            return refused(refuse, notEmpty(directory, option));
        }
        List<Path> created = createFolders(directory, option);
        Optional<RunFolderLock> lock = tryLock(directory, "choose another " + option);
        if (lock.isEmpty()) {
            return refused(
                    refuse, busy(directory, "wait for it to end or choose another " + option));
        }
        Optional<List<Path>> start;
        try {
            lock.get().repair();
            start = UnfinishedStart.entries(directory, false);
            if (start.isPresent()) {
                UnfinishedStart.delete(start.get());
            }
        } catch (IOException | RuntimeException e) {
            lock.get().close();
            throw e;
        }
        if (start.isEmpty()) {
            lock.get().close();
            return refused(refuse, notEmpty(directory, option));
        }
        return Optional.of(new RunDirectory(directory, created, lock.get(), start.get()));
    }

    /**
     * Takes the lock of the existing run folder {@code directory}; empty when another training
     * holds it.
     *
     * @param fix what to do when the folder cannot be written, for the message
     * @throws UsageException when the folder cannot be written
     */
    static Optional<RunFolderLock> tryLock(Path directory, String fix) {
        try {
            return RunFolderLock.tryLock(directory);
        } catch (FileWriteException e) {
            throw new UsageException(
                    directory
                            + ": cannot write into the run folder ("
                            + e.getReason()
                            + "); "
                            + fix);
        }
    }

    private static Optional<RunDirectory> refused(boolean refuse, UsageException reason) {
        if (refuse) {
            throw reason;
        }
        return Optional.empty();
    }

    /** Creates {@code directory} and returns the folders that did not exist, innermost first. */
    private static List<Path> createFolders(Path directory, String option) {
        List<Path> created = new ArrayList<>();
        for (Path folder = directory.toAbsolutePath().normalize();
                folder != null && !Files.exists(folder);
                folder = folder.getParent()) {
            created.add(folder);
        }
        try {
            Files.createDirectories(directory);
        } catch (FileSystemException e) {
            throw new UsageException(
                    directory
                            + ": cannot create the run folder ("
                            + reason(e)
                            + "); choose another "
                            + option);
        } catch (IOException e) {
            throw new UsageException(directory + ": cannot create the run folder (" + e + ")");
        }
        return created;
    }

    /**
     * Whether {@code directory} is absent, empty or holds only an unfinished start (with what a
     * killed write left, which the lock's holder repairs before it looks again).
     */
    private static boolean holdsOnlyAStart(Path directory) {
        try {
            return !Files.exists(directory) || UnfinishedStart.entries(directory, true).isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    private static UsageException notEmpty(Path directory, String option) {
        return new UsageException(
                directory
                        + ": run folder exists and is not empty; choose another "
                        + option
                        + " or remove the folder");
    }

    /** Another training holds {@code directory}'s lock: says which, and {@code fix}. */
    static UsageException busy(Path directory, String fix) {
        OptionalLong holder = RunFolderLock.holder(directory);
        return new UsageException(
                directory
                        + ": another classify train is writing this run folder"
                        + (holder.isPresent() ? " (process " + holder.getAsLong() + ")" : "")
                        + "; "
                        + fix);
    }

    private static boolean isEmptyOrAbsent(Path directory) {
        if (!Files.exists(directory)) {
            return true;
        }
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static String reason(FileSystemException e) {
        return e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
    }
}
