package dev.classify.cli;

import dev.classify.engine.config.OutputConfig;
import dev.classify.report.RunFiles;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The run folder: chosen so that a run never writes into a used one, created with its missing
 * parents, and removed again (with the parents it created) when the run fails before training.
 */
final class RunDirectory {
    private final Path path;
    private final List<Path> created;

    private RunDirectory(Path path, List<Path> created) {
        this.path = path;
        this.created = List.copyOf(created);
    }

    /**
     * Creates the run folder: {@code --output} if given, else {@code output.dir}, else {@code
     * runs/<name>} numbered {@code -2}, {@code -3}... past used ones.
     *
     * @throws UsageException when a named folder is a file or is not empty, or cannot be created
     */
    static RunDirectory create(OutputConfig config, Path override, String name) {
        Path path;
        if (override != null) {
            path = unused(override, "--output");
        } else if (config.dir() != null) {
            path = unused(Path.of(config.dir()), "output.dir");
        } else {
            path = Path.of("runs", name);
            for (int i = 2; !isEmptyOrAbsent(path); i++) {
                path = Path.of("runs", name + "-" + i);
            }
        }
        List<Path> created = new ArrayList<>();
        for (Path folder = path.toAbsolutePath().normalize();
                folder != null && !Files.exists(folder);
                folder = folder.getParent()) {
            created.add(folder);
        }
        try {
            Files.createDirectories(path);
        } catch (FileSystemException e) {
            throw new UsageException(
                    path
                            + ": cannot create the run folder ("
                            + reason(e)
                            + "); choose another --output");
        } catch (IOException e) {
            throw new UsageException(path + ": cannot create the run folder (" + e + ")");
        }
        if (!Files.isWritable(path)) {
            throw new UsageException(
                    path + ": the run folder is not writable; choose another --output");
        }
        return new RunDirectory(path, created);
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
     * (its configuration copy, hold-out ids and log) and the folders this run created, so that the
     * same command can run again.
     */
    void removeUnfinished() {
        if (Files.exists(path.resolve(RunFiles.METRICS))) {
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
            for (Path folder : created) {
                if (isEmptyOrAbsent(folder)) {
                    Files.deleteIfExists(folder);
                }
            }
        } catch (IOException e) {
            // Leaving an empty folder behind is harmless.
        }
    }

    private static Path unused(Path directory, String option) {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new UsageException(
                    directory + ": is a file, not a folder; choose another " + option);
        }
        if (!isEmptyOrAbsent(directory)) {
            throw new UsageException(
                    directory
                            + ": run folder exists and is not empty; choose another "
                            + option
                            + " or remove the folder");
        }
        return directory;
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
