package dev.classify.cli;

import dev.classify.api.config.OutputConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Chooses the run folder and never lets a run write into a used one. */
final class RunDirectory {
    private RunDirectory() {}

    /**
     * Returns {@code --output} if given, else {@code output.dir}, else {@code runs/<name>} numbered
     * {@code -2}, {@code -3}... past existing ones.
     *
     * @throws UsageException when an explicitly named folder exists and is not empty
     */
    static Path choose(OutputConfig config, Path override, String name) throws IOException {
        if (override != null) {
            return unused(override, "--output");
        }
        if (config.dir() != null) {
            return unused(Path.of(config.dir()), "output.dir");
        }
        Path base = Path.of("runs", name);
        Path candidate = base;
        for (int i = 2; !isEmptyOrAbsent(candidate); i++) {
            candidate = Path.of("runs", name + "-" + i);
        }
        return candidate;
    }

    /** Returns the configuration file's name without its extension, e.g. {@code quickstart}. */
    static String nameOf(Path configFile) {
        String name = configFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Deletes {@code directory} if it holds nothing but an empty log, e.g. after bad input. */
    static void removeIfUnused(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                if (!file.getFileName().toString().endsWith(".log") || Files.size(file) > 0) {
                    return;
                }
            }
        } catch (IOException e) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
            Files.delete(directory);
        } catch (IOException e) {
            // Leaving an empty folder behind is harmless.
        }
    }

    private static Path unused(Path directory, String option) throws IOException {
        if (!isEmptyOrAbsent(directory)) {
            throw new UsageException(
                    directory
                            + ": run folder exists and is not empty; choose another "
                            + option
                            + " or remove the folder");
        }
        return directory;
    }

    private static boolean isEmptyOrAbsent(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return true;
        }
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.findAny().isEmpty();
        }
    }
}
