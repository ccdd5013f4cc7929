package dev.classify.datasets;

import dev.classify.api.InvalidDataException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * commons-csv's parse errors in words a person can act on, with the line: its exception messages
 * name the exception class and give no fix.
 */
final class CsvProblems {
    /** commons-csv's message for a quote never closed, with the line where the value starts. */
    private static final Pattern UNCLOSED_QUOTE =
            Pattern.compile(
                    "\\(startline (\\d+)\\) EOF reached before encapsulated token finished");

    /** commons-csv's message for text between a closing quote and the next comma. */
    private static final Pattern TEXT_AFTER_QUOTE =
            Pattern.compile(
                    "Invalid character between encapsulated token and delimiter at line: (\\d+)");

    private static final Pattern LINE = Pattern.compile("line:? (\\d+)");

    private CsvProblems() {}

    /**
     * Says what commons-csv found wrong, in words, with its line: its exception's own message names
     * the exception class and no fix.
     */
    static InvalidDataException malformed(Path file, Exception e) {
        Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
        String message = String.valueOf(cause.getMessage());
        Matcher unclosed = UNCLOSED_QUOTE.matcher(message);
        if (unclosed.find()) {
            return new InvalidDataException(
                    file,
                    "line "
                            + unclosed.group(1)
                            + ": a quote (\") opens a value that is never closed; add the closing"
                            + " quote, or remove the opening one",
                    e);
        }
        Matcher after = TEXT_AFTER_QUOTE.matcher(message);
        if (after.find()) {
            return new InvalidDataException(
                    file,
                    "line "
                            + after.group(1)
                            + ": text after the closing quote of a value; quote the whole value"
                            + " (a quote inside is written twice: \"2\"\"x\") or remove the quotes",
                    e);
        }
        Matcher line = LINE.matcher(message);
        return new InvalidDataException(
                file,
                (line.find() ? "line " + line.group(1) + ": " : "")
                        + "malformed CSV ("
                        + message
                        + "); check the quotes and commas there, or save the file again as CSV",
                e);
    }
}
