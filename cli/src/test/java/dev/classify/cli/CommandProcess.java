package dev.classify.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line in a JVM of its own, on the test class path: for what only a fresh process shows
 * (signals, the library log file, which a JVM chooses once).
 */
final class CommandProcess {
    private static final Path DATA =
            Path.of("..", "examples", "fashion-mnist-small").toAbsolutePath().normalize();

    private CommandProcess() {}

    /** Writes a configuration of one epoch on the quick-start images into {@code file}. */
    static Path oneEpochConfig(Path file) throws IOException {
        return Files.writeString(
                file,
                """
                data:
                  train: {images: %s, labels: %s}
                  validation: {size: 1000}
                train: {epochs: 1, batchSize: 64}
                """
                        .formatted(DATA.resolve("train.npy"), DATA.resolve("train.csv")));
    }

    /** Starts {@code classify ARGS}, its output and errors going to {@code console}. */
    static Process start(Path console, String... args) throws IOException {
        return startMain(console, Main.class.getName(), args);
    }

    /**
     * Starts the main class {@code mainClass} of the test class path with {@code args}, its output
     * and errors going to {@code console}.
     */
    static Process startMain(Path console, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(console.toFile())
                .start();
    }
}
