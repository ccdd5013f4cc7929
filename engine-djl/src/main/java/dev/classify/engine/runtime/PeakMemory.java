package dev.classify.engine.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The process's peak resident memory (Linux {@code VmHWM} in {@code /proc/self/status}): the Java
 * heap and the engines' native memory together, which the JVM's own counters do not show.
 */
public final class PeakMemory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private PeakMemory() {}

    /** The peak resident memory in MiB, or -1 when the system does not report it. */
    public static double residentMegabytes() {
        try {
            List<String> lines = Files.readAllLines(STATUS);
            for (String line : lines) {
                if (line.startsWith("VmHWM:")) {
                    String kilobytes = line.substring(6).trim().split("\\s+")[0];
                    return Long.parseLong(kilobytes) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or an unexpected format: unknown
        }
        return -1;
    }
}
