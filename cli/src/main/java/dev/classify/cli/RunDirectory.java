package dev.classify.cli;

import dev.classify.engine.config.OutputConfig;
import dev.classify.report.FileWriteException;
import dev.classify.report.RunFiles;
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
 * it created) when the run fails before training.
 */
final class RunDirectory implements AutoCloseable {
    private final Path path;
    private final List<Path> created;
    private final RunFolderLock lock;
    private boolean closed;

    private RunDirectory(Path path, List<Path> created, RunFolderLock lock) {
        this.path = path;
        this.created = List.copyOf(created);
        this.lock = lock;
    }

    /**
     * Creates and locks the run folder: {@code --output} if given, else {@code output.dir}, else
     * {@code runs/<name>} numbered {@code -2}, {@code -3}... past used ones. The lock holds until
     * {@link #close}.
     *
     * @throws UsageException when a named folder is a file, is not empty, is being written by
     *     another training, or cannot be created or written
     */
    static RunDirectory create(OutputConfig config, Path override, String name) {
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

    /**
     * After a failure or an interruption before the first epoch ended: deletes what the run wrote
     * (its configuration copy, hold-out ids, log and lock file) and the folders this run created,
     * so that the same command can run again, and releases the lock.
     */
    void removeUnfinished() {
        if (closed || Files.exists(path.resolve(RunFiles.METRICS))) {
            return;
        }
        try (Stream<Path> files = Files.list(path)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (Files.isRegularFile(file)
                        && (name.equals(RunFiles.CONFIG)
                                || name.equals(RunFiles.HOLD_OUT)
                                || name.endsWith(".log"))) {
                    Files.delete(file);
                }
            }
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
    private static RunDirectory take(Path directory, String option) {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new UsageException(
                    directory + ": is a file, not a folder; choose another " + option);
        }
        return claim(directory, option, true).orElseThrow();
    }

    /**
     * Creates {@code directory} and takes its lock, when it is absent or empty (checked again under
     * the lock: a run that took it meanwhile has written into it).
     *
     * @param refuse whether to throw when it is taken, instead of returning empty
     */
    private static Optional<RunDirectory> claim(Path directory, String option, boolean refuse) {
        if (!isEmptyOrAbsent(directory)) {
            return refused(refuse, notEmpty(directory, option));
        }
        List<Path> created = createFolders(directory, option);
        Optional<RunFolderLock> lock = tryLock(directory, "choose another " + option);
        if (lock.isEmpty()) {
            return refused(
                    refuse, busy(directory, "wait for it to end or choose another " + option));
        }
        if (!isEmptyOrAbsent(directory)) {
            try {
                lock.get().close();
            } catch (IOException e) {
                // released when the process ends
            }
            return refused(refuse, notEmpty(directory, option));
        }
        return Optional.of(new RunDirectory(directory, created, lock.get()));
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

    /** Whether {@code directory} is absent or holds nothing but a lock file. */
    private static boolean isEmptyOrAbsent(Path directory) {
        if (!Files.exists(directory)) {
            return true;
        }
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.allMatch(file -> file.getFileName().toString().equals(RunFiles.LOCK));
        } catch (IOException e) {
            return false;
        }
    }

    private static String reason(FileSystemException e) {
        return e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
    }
}
