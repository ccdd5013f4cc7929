package dev.classify.cli;

import java.nio.file.Path;

/**
 * Sends library logging (SLF4J simple binding) to a file, so that the console only shows what
 * concerns the person: DJL's GPU-detection warning on a CPU machine, for instance, goes to the log.
 * Must run before the first logger is created: the binding reads its settings once.
 */
final class Logging {
    private Logging() {}

    static void toFile(Path file) {
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
