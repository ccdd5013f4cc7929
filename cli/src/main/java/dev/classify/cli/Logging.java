package dev.classify.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Sends library logging (SLF4J simple binding) to a file, so that the console only shows what
 * concerns the person: DJL's GPU-detection warning on a CPU machine, for instance, goes to the log.
 * Must run before the first logger is created: the binding reads its settings once.
 */
final class Logging {
    private Logging() {}

    /**
     * Sends the log to {@code file}, created when absent; see {@link #toFile(Path, String)}.
     *
     * @throws UsageException when the file cannot be written, suggesting another {@code --output}
     */
    static void toFile(Path file) {
        toFile(file, "remove what is there or give another --output");
    }

    /**
     * Sends the log to {@code file}, created when absent.
     *
     * @param fix what to do when the file cannot be written, for the message
     * @throws UsageException when the file cannot be written (a folder of that name, no
     *     permission): the logger would otherwise print its stack trace and every library message
     *     on the console
     */
    static void toFile(Path file, String fix) {
        try (OutputStream unused =
                Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            // only checks that the logger can open it
        } catch (IOException e) {
            throw new UsageException(
                    file + ": cannot write the log file (" + CommandInputs.reason(e) + "); " + fix);
        }
        setIfAbsent("org.slf4j.simpleLogger.logFile", file.toAbsolutePath().toString());
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "info");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss.SSS");
    }

    /** For commands that only describe: library messages below errors are not shown. */
    static void quiet() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "error");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
