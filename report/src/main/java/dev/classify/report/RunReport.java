package dev.classify.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.classify.api.EpochMetrics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Writes {@code report.html}: one self-contained page about a run (pictures embedded as {@code
 * data:} URIs, styles inline, no scripts and nothing fetched) with the summary (model, parameters,
 * best epoch), the curves, the metrics of every epoch, timing, the hold-out evaluation (per-class
 * scores, confusion matrix, misclassified images) and the configuration. A part the run lacks is
 * replaced by a sentence saying so. All text from the run is HTML-escaped.
 */
public final class RunReport {
    private static final int MAX_NAMES = 30;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] PNG_SIGNATURE = {
        (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'
    };

    private static final String STYLE =
            """
            body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
                   color: #1d2329; margin: 0 auto; padding: 1.5em 2em 3em; max-width: 1480px; }
            h1 { font-size: 1.6em; margin-bottom: 0.1em; }
            h2 { font-size: 1.25em; border-bottom: 1px solid #d0d7de; padding-bottom: 0.2em;
                 margin-top: 2em; }
            .path { color: #57606a; margin-top: 0; font-family: ui-monospace, monospace; }
            table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
            th, td { padding: 0.25em 0.8em; border-bottom: 1px solid #eaeef2; text-align: right; }
            th { background: #f6f8fa; }
            th:first-child, td:first-child { text-align: left; }
            table.facts th { text-align: left; background: none; font-weight: 600; }
            table.facts td { text-align: left; }
            tr.best td { background: #dafbe1; font-weight: 600; }
            img { max-width: 100%; height: auto; border: 1px solid #eaeef2; display: block;
                  margin: 0.8em 0; }
            pre { background: #f6f8fa; padding: 1em; overflow-x: auto; font-size: 0.9em; }
            .missing { color: #9a6700; font-style: italic; }
            figure { margin: 0; display: table; }
            .side-by-side { display: flex; flex-wrap: wrap; gap: 2em; align-items: flex-start; }
            .side-by-side > div { min-width: 0; }
            figcaption { display: table-caption; caption-side: bottom; color: #57606a;
                         font-size: 0.9em; }
            """;

    private final RunFolder run;
    private final OptionalLong parameters;
    private final StringBuilder html = new StringBuilder();

    private RunReport(RunFolder run, OptionalLong parameters) {
        this.run = run;
        this.parameters = parameters;
    }

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
        RunReport report = new RunReport(run, parameters);
        report.page();
        return report.html.toString();
    }

    private void page() {
        String name = run.name();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append(
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>classify report: ")
                .append(escape(name))
                .append("</title>\n<style>\n")
                .append(STYLE)
                .append("</style>\n</head>\n<body>\n<h1>Run ")
                .append(escape(name))
                .append("</h1>\n<p class=\"path\">")
                .append(escape(run.path().toAbsolutePath().normalize().toString()))
                .append("</p>\n");
        summary();
        curves();
        metrics();
        timing();
        evaluation();
        configuration();
        if (!run.problems().isEmpty()) {
            section("problems", "Missing parts");
            html.append("<ul>\n");
            for (String problem : run.problems()) {
                html.append("<li>").append(escape(problem)).append("</li>\n");
            }
            html.append("</ul>\n</section>\n");
        }
        html.append("</body>\n</html>\n");
    }

    private void summary() {
        section("summary", "Summary");
        html.append("<table class=\"facts\">\n");
        fact("model", run.modelName());
        fact(
                "parameters",
                parameters.isPresent()
                        ? String.format(Locale.ROOT, "%,d (trainable)", parameters.getAsLong())
                        : "unknown");
        run.model()
                .ifPresent(
                        model -> {
                            fact(
                                    "input",
                                    shape(model.imageShape())
                                            + " images, "
                                            + shape(model.inputShape())
                                            + " into the network");
                            fact(
                                    "classes",
                                    model.classNames().size() + ": " + names(model.classNames()));
                        });
        EpochMetrics last = run.lastEpoch();
        fact("epochs", Integer.toString(last.epoch()));
        Optional<EpochMetrics> best = run.bestEpoch();
        fact(
                "best epoch",
                best.map(
                                b ->
                                        String.format(
                                                Locale.ROOT,
                                                "%d (validation accuracy %.4f, loss %.4f)",
                                                b.epoch(),
                                                b.validationAccuracy(),
                                                b.validationLoss()))
                        .orElse("no validation metrics: trained without a hold-out"));
        fact("final learning rate", ComparisonTable.learningRate(last.learningRate()));
        holdOut()
                .ifPresent(
                        metrics ->
                                fact(
                                        "hold-out accuracy",
                                        String.format(
                                                Locale.ROOT,
                                                "%.4f (%d of %d images, kept model)",
                                                metrics.path("accuracy").asDouble(),
                                                metrics.path("correct").asInt(),
                                                metrics.path("images").asInt())));
        fact("wall time", ComparisonTable.duration(run.wallSeconds()) + " (sum of the epochs)");
        html.append("</table>\n</section>\n");
    }

    private void curves() {
        section("curves", "Curves");
        image("curves.png", "Loss and top-1 accuracy per epoch, training against validation");
        html.append("</section>\n");
    }

    private void metrics() {
        section("metrics", "Metrics per epoch");
        int best = run.bestEpoch().map(EpochMetrics::epoch).orElse(-1);
        boolean validation = run.hasValidation();
        html.append("<table>\n<tr><th>epoch</th><th>learning rate</th><th>train loss</th>")
                .append("<th>train accuracy</th>")
                .append(validation ? "<th>val loss</th><th>val accuracy</th>" : "")
                .append("<th>seconds</th><th>images/s</th></tr>\n");
        for (EpochMetrics epoch : run.epochs()) {
            html.append(epoch.epoch() == best ? "<tr class=\"best\">" : "<tr>")
                    .append(cell(Integer.toString(epoch.epoch())))
                    .append(cell(ComparisonTable.learningRate(epoch.learningRate())))
                    .append(cell(decimal(epoch.trainLoss())))
                    .append(cell(decimal(epoch.trainAccuracy())));
            if (validation) {
                html.append(cell(decimal(epoch.validationLoss())))
                        .append(cell(decimal(epoch.validationAccuracy())));
            }
            html.append(cell(String.format(Locale.ROOT, "%.1f", epoch.epochSeconds())))
                    .append(cell(String.format(Locale.ROOT, "%.0f", epoch.imagesPerSecond())))
                    .append("</tr>\n");
        }
        html.append("</table>\n");
        if (best > 0) {
            html.append("<p>The highlighted epoch has the best validation accuracy; its model is")
                    .append(" the run's <code>model/</code>.</p>\n");
        } else {
            html.append("<p>Trained without a hold-out: no validation metrics; the run's")
                    .append(" <code>model/</code> is the last epoch's.</p>\n");
        }
        html.append("</section>\n");
    }

    private void timing() {
        section("timing", "Timing");
        double[] seconds = run.epochs().stream().mapToDouble(EpochMetrics::epochSeconds).toArray();
        html.append("<table class=\"facts\">\n");
        fact(
                "total wall time",
                ComparisonTable.duration(run.wallSeconds())
                        + String.format(
                                Locale.ROOT,
                                " (%.1f s over %d epochs)",
                                run.wallSeconds(),
                                seconds.length));
        fact(
                "per epoch",
                String.format(
                        Locale.ROOT,
                        "%.1f s mean, %.1f s fastest, %.1f s slowest",
                        Arrays.stream(seconds).average().orElse(0),
                        Arrays.stream(seconds).min().orElse(0),
                        Arrays.stream(seconds).max().orElse(0)));
        fact(
                "training speed",
                String.format(
                        Locale.ROOT,
                        "%.0f images/s (mean of the epochs)",
                        run.meanImagesPerSecond()));
        html.append("</table>\n<p>Seconds per epoch: ")
                .append(
                        Arrays.stream(seconds)
                                .mapToObj(s -> String.format(Locale.ROOT, "%.1f", s))
                                .collect(Collectors.joining(", ")))
                .append(".</p>\n</section>\n");
    }

    private void evaluation() {
        section("evaluation", "Hold-out evaluation");
        Optional<JsonNode> metrics = holdOut();
        if (metrics.isEmpty() && run.file("evaluation/confusion.png").isEmpty()) {
            missing(
                    "No evaluation: the run has no evaluation/ folder ("
                            + (run.hasValidation()
                                    ? "it was trained before training evaluated the hold-out"
                                    : "it was trained without a hold-out")
                            + "). 'classify evaluate --model RUN_DIR ...' measures it on"
                            + " labelled images.");
            html.append("</section>\n");
            return;
        }
        metrics.ifPresent(
                node ->
                        html.append(
                                String.format(
                                        Locale.ROOT,
                                        "<p>Accuracy %.4f: %d of %d held-out images, with the"
                                                + " kept model.</p>\n",
                                        node.path("accuracy").asDouble(),
                                        node.path("correct").asInt(),
                                        node.path("images").asInt())));
        // Scores and matrix side by side where the window is wide enough.
        html.append("<div class=\"side-by-side\">\n<div>\n");
        if (metrics.isPresent()) {
            html.append("<table>\n<tr><th>class</th><th>precision</th><th>recall</th>")
                    .append("<th>F1</th><th>support</th></tr>\n");
            for (JsonNode row : metrics.get().path("classes")) {
                scoreRow(row.path("name").asText(), row);
            }
            scoreRow("macro average", metrics.get().path("macro"));
            html.append("</table>\n");
        } else {
            missing("No scores: evaluation/metrics.json is missing or unreadable.");
        }
        html.append("</div>\n<div>\n");
        image(
                "evaluation/confusion.png",
                "Confusion matrix: true classes down, predicted across; shade is the share of the"
                        + " row");
        html.append("</div>\n</div>\n");
        image(
                "evaluation/errors.png",
                "Misclassified held-out images (the first 64), captioned true -> predicted");
        html.append("</section>\n");
    }

    private void configuration() {
        section("configuration", "Configuration");
        if (run.configuration().isPresent()) {
            html.append("<p>config.yaml, which trains the same run again:</p>\n<pre>")
                    .append(escape(run.configuration().get()))
                    .append("</pre>\n");
        } else {
            missing("No configuration: config.yaml is missing or unreadable.");
        }
        html.append("</section>\n");
    }

    private void scoreRow(String name, JsonNode scores) {
        html.append("<tr>")
                .append(cell(name))
                .append(cell(decimal(scores.path("precision").asDouble(Double.NaN))))
                .append(cell(decimal(scores.path("recall").asDouble(Double.NaN))))
                .append(cell(decimal(scores.path("f1").asDouble(Double.NaN))))
                .append(cell(scores.path("support").asText("")))
                .append("</tr>\n");
    }

    /** The run's evaluation/metrics.json, when present and readable. */
    private Optional<JsonNode> holdOut() {
        return run.file("evaluation/metrics.json")
                .flatMap(
                        file -> {
                            try {
                                JsonNode node = JSON.readTree(file.toFile());
                                return node != null && node.isObject()
                                        ? Optional.of(node)
                                        : Optional.empty();
                            } catch (IOException e) {
                                return Optional.empty();
                            }
                        });
    }

    /** Embeds the PNG at {@code relative} in the run folder, or says why it cannot. */
    private void image(String relative, String caption) {
        Optional<Path> file = run.file(relative);
        if (file.isEmpty()) {
            missing("No " + relative + " in this run.");
            return;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file.get());
        } catch (IOException e) {
            missing(relative + " is unreadable (" + e.getClass().getSimpleName() + ").");
            return;
        }
        if (bytes.length < 24
                || !Arrays.equals(Arrays.copyOf(bytes, PNG_SIGNATURE.length), PNG_SIGNATURE)) {
            missing(relative + " is not a PNG picture.");
            return;
        }
        // The IHDR chunk follows the signature: width and height as big-endian 32-bit integers.
        ByteBuffer header = ByteBuffer.wrap(bytes, 16, 8);
        int width = header.getInt();
        int height = header.getInt();
        html.append("<figure>\n<img src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(bytes))
                .append("\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" alt=\"")
                .append(escape(relative))
                .append("\">\n<figcaption>")
                .append(escape(caption))
                .append(" (")
                .append(escape(relative))
                .append(")</figcaption>\n</figure>\n");
    }

    private void section(String id, String title) {
        html.append("<section id=\"")
                .append(id)
                .append("\">\n<h2>")
                .append(escape(title))
                .append("</h2>\n");
    }

    private void fact(String name, String value) {
        html.append("<tr><th>")
                .append(escape(name))
                .append("</th><td>")
                .append(escape(value))
                .append("</td></tr>\n");
    }

    private void missing(String sentence) {
        html.append("<p class=\"missing\">").append(escape(sentence)).append("</p>\n");
    }

    private static String cell(String text) {
        return "<td>" + escape(text) + "</td>";
    }

    private static String decimal(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.4f", value);
    }

    /** The class names, the first {@link #MAX_NAMES} of a long list. */
    private static String names(List<String> names) {
        if (names.size() <= MAX_NAMES) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, MAX_NAMES))
                + " and "
                + (names.size() - MAX_NAMES)
                + " more";
    }

    private static String shape(int[] chw) {
        List<String> sizes = new ArrayList<>();
        for (int size : chw) {
            sizes.add(Integer.toString(size));
        }
        return String.join("x", sizes);
    }

    /** Escapes text for HTML element content and double- or single-quoted attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
