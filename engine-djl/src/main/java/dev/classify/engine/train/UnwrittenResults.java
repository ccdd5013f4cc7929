package dev.classify.engine.train;

import dev.classify.report.MetricsFile;
import dev.classify.report.RunFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run whose epochs all ended may lack: after the last epoch's checkpoint the run still
 * writes the epoch's {@code metrics.csv} row and {@code curves.png}, then {@code submission.csv}
 * and {@code evaluation/} from the kept model. A process killed in between leaves them missing,
 * short of the last row, or older than the last checkpoint (from an earlier ending of a run that
 * was resumed to train longer).
 */
final class UnwrittenResults {
    private UnwrittenResults() {}

    /**
     * The names of the results that {@code last}, the run's last checkpoint, is not followed by, in
     * the order the run writes them; empty when the run was written to its end.
     */
    static List<String> of(PreparedRun prepared, Path runDirectory, Checkpoint last) {
        FileTime checkpoint =
                modified(
                        Checkpoint.folder(runDirectory, Checkpoint.LAST)
                                .resolve(Checkpoint.STATE_FILE));
        List<String> unwritten = new ArrayList<>();
        if (!MetricsFile.holdsEpochs(
                runDirectory.resolve(RunFiles.METRICS), last.history().size())) {
            unwritten.add(RunFiles.METRICS);
        }
        if (olderThan(runDirectory.resolve(RunFiles.CURVES), checkpoint)) {
            unwritten.add(RunFiles.CURVES);
        }
        if (prepared.test().isPresent()
                && olderThan(runDirectory.resolve(RunFiles.SUBMISSION), checkpoint)) {
            unwritten.add(RunFiles.SUBMISSION);
        }
        // metrics.json is the evaluation's last file.
        Path evaluation =
                runDirectory.resolve(RunFiles.EVALUATION).resolve(RunFiles.EVALUATION_METRICS);
        if (prepared.split().validation().length > 0 && olderThan(evaluation, checkpoint)) {
            unwritten.add(RunFiles.EVALUATION + "/");
        }
        return List.copyOf(unwritten);
    }

    /** Whether {@code file} is missing or was last written before {@code time}. */
    private static boolean olderThan(Path file, FileTime time) {
        FileTime written = modified(file);
        return written == null || (time != null && written.compareTo(time) < 0);
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }
}
