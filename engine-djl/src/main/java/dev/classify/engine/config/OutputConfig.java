package dev.classify.engine.config;

import dev.classify.api.Problems;

/**
 * Where the run directory goes.
 *
 * @param dir the run directory, relative to the working directory; when absent, {@code
 *     runs/<configuration file name>} (numbered {@code -2}, {@code -3}... when that exists). An
 *     existing non-empty directory named here is an error, never overwritten
 */
public record OutputConfig(String dir) {
    /** Records problems under {@code path}. */
    public void validate(String path, Problems problems) {
        if (dir != null) {
            problems.check(!dir.isBlank(), path + ".dir", "must not be blank");
        }
    }
}
