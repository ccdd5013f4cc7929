package dev.classify.cli;

import dev.classify.report.FileWriteException;
import java.util.Locale;

/**
 * The one line for a file that could not be written (a full disk, a read-only or immutable folder):
 * the file, the operating system's reason and what to do, which depends on whether the command
 * could write elsewhere ({@code --output}) or must write into its run folder ({@code train
 * --resume}).
 */
final class WriteFailure {
    /** What to do when a resumed run's folder cannot be written. */
    static final String RESUME_FIX =
            "make the run folder writable and resume again, or copy it elsewhere and resume the"
                    + " copy";

    private WriteFailure() {}

    /**
     * {@code FILE: cannot write (REASON); FIX}.
     *
     * @param resuming whether the command was {@code train --resume}, which takes no {@code
     *     --output}
     */
    static String message(FileWriteException e, boolean resuming) {
        return e.getFile() + ": cannot write (" + e.getReason() + "); " + fix(e, resuming);
    }

    private static String fix(FileWriteException e, boolean resuming) {
        String reason = String.valueOf(e.getReason()).toLowerCase(Locale.ROOT);
        boolean full = reason.contains("no space") || reason.contains("quota");
        if (resuming) {
            return full ? "free some space and resume again" : RESUME_FIX;
        }
        if (full) {
            return "free some space or give another --output";
        }
        if (reason.contains("read-only")
                || reason.contains("permission")
                || reason.contains("not permitted")) {
            return "make the folder writable or give another --output";
        }
        return "give another --output";
    }
}
