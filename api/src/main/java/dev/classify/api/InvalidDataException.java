package dev.classify.api;

import java.nio.file.Path;

/**
 * Input data that cannot be used: a missing, truncated or corrupt file, an unsupported format,
 * labels that do not match the images. The message names the file, the problem and how to fix it;
 * the command line reports it with exit code 2.
 */
public class InvalidDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception about {@code file}.
     *
     * @param file the offending file (printed first)
     * @param problemAndFix what is wrong and how to fix it, e.g. {@code "expected uint8 pixels, got
     *     <f8; convert the array with astype('uint8')"}
     */
    public InvalidDataException(Path file, String problemAndFix) {
        super(file + ": " + problemAndFix);
    }

    /** Same as {@link #InvalidDataException(Path, String)}, keeping the underlying cause. */
    public InvalidDataException(Path file, String problemAndFix, Throwable cause) {
        super(file + ": " + problemAndFix, cause);
    }
}
