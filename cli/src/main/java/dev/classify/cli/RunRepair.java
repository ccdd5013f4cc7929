package dev.classify.cli;

import dev.classify.report.RunFiles;
import dev.classify.report.RunFolderLock;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Before a command reads a run folder: finishes the folder replacements ({@code model/}, {@code
 * checkpoints/last} and {@code best}) that a killed training left half done, and says so. See
 * {@link RunFolderLock#repair}.
 */
final class RunRepair {
    private RunRepair() {}

    /**
     * Repairs the run folder {@code path}, or the run folder holding it when it is a run's {@code
     * model/}, unless a training is writing it; tells {@code out} what changed.
     *
     * @throws dev.classify.report.FileWriteException when a repair is due but cannot be written
     */
    static void beforeReading(Path path, PrintStream out) throws IOException {
        say(RunFolderLock.repairIfIdle(path), out);
        Path absolute = path.toAbsolutePath().normalize();
        if (absolute.getFileName() != null
                && absolute.getFileName().toString().equals(RunFiles.MODEL)
                && absolute.getParent() != null) {
            say(RunFolderLock.repairIfIdle(absolute.getParent()), out);
        }
    }

    /** Tells {@code out} which folders a repair changed. */
    static void say(List<Path> changed, PrintStream out) {
        for (Path folder : changed) {
            out.println(
                    "note: restored " + folder + ", which a killed training left half replaced");
        }
    }
}
