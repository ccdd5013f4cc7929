package dev.classify.report;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Writes {@code report.html}: one self-contained page about a run (pictures embedded as {@code
 * data:} URIs, styles inline, no scripts and nothing fetched) with the summary (model, parameters,
 * best epoch), the curves, the metrics of every epoch, timing, the hold-out evaluation (per-class
 * scores, confusion matrix, misclassified images) and the configuration. A part the run lacks is
 * replaced by a sentence saying so.
 *
 * <p>The page is the template {@code report.html.mustache} beside this class, rendered by
 * JMustache, which HTML-escapes every value: all text from the run (class names, paths, the
 * configuration) shows as written. Only the pictures' base 64, whose alphabet needs no escaping, is
 * inserted as it is. Thread safe.
 */
public final class RunReport {
    private static final Template PAGE =
            Mustache.compiler()
                    .withLoader(name -> resource(name + ".mustache"))
                    .compile(resource("report.html.mustache"));

    private RunReport() {}

    /**
     * Writes the report of {@code run} to {@code file}, replacing it atomically.
     *
     * @param parameters the model's trainable parameters, when known
     * @throws IOException when the file cannot be written
     */
    public static void write(RunFolder run, OptionalLong parameters, Path file) throws IOException {
        String page = html(run, parameters);
        AtomicFiles.writeBytes(file, out -> out.write(page.getBytes(StandardCharsets.UTF_8)));
    }

    /** Returns the report of {@code run} as an HTML page. */
    static String html(RunFolder run, OptionalLong parameters) {
        return PAGE.execute(ReportPage.of(run, parameters));
    }

    private static Reader resource(String name) {
        InputStream in = RunReport.class.getResourceAsStream(name);
        if (in == null) {
            throw new UncheckedIOException(
                    new IOException("the report template " + name + " is not in the jar"));
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
