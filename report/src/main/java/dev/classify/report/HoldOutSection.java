package dev.classify.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The report's hold-out evaluation, from the run's {@code evaluation/} folder: when {@code found},
 * its accuracy sentence (none without scores), the per-class scores (or why not), the confusion
 * matrix and the misclassified images; else the sentence in {@code missing}. The names of the
 * fields are the template's.
 *
 * @param found whether the run has an evaluation (its scores or its confusion matrix)
 * @param missing why there is none
 * @param accuracy the accuracy sentence, none without scores
 * @param scored whether the scores could be read
 * @param scores per class and the macro average: name, precision, recall, F1, support
 * @param scoresMissing why there are no scores
 * @param confusion {@code evaluation/confusion.png}
 * @param errors {@code evaluation/errors.png}
 */
record HoldOutSection(
        boolean found,
        String missing,
        List<String> accuracy,
        boolean scored,
        List<ReportPage.Row> scores,
        String scoresMissing,
        Picture confusion,
        Picture errors) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Collects the evaluation of {@code run}, whose {@code metrics.json} is {@code metrics}. */
    static HoldOutSection of(RunFolder run, Optional<JsonNode> metrics) {
        String confusion = RunFiles.EVALUATION + "/" + RunFiles.CONFUSION_PNG;
        String errors = RunFiles.EVALUATION + "/" + RunFiles.ERRORS_PNG;
        String scoresFile = RunFiles.EVALUATION + "/" + RunFiles.EVALUATION_METRICS;
        boolean found = metrics.isPresent() || run.file(confusion).isPresent();
        List<ReportPage.Row> scores = new ArrayList<>();
        metrics.ifPresent(
                node -> {
                    for (JsonNode row : node.path("classes")) {
                        scores.add(scoreRow(row.path("name").asText(), row));
                    }
                    scores.add(scoreRow("macro average", node.path("macro")));
                });
        return new HoldOutSection(
                found,
                "No evaluation: the run has no "
                        + RunFiles.EVALUATION
                        + "/ folder ("
                        + (run.hasValidation()
                                ? "it was trained before training evaluated the hold-out"
                                : "it was trained without a hold-out")
                        + "). 'classify evaluate --model RUN_DIR ...' measures it on labelled"
                        + " images.",
                metrics
                        .map(
                                node ->
                                        accuracy(
                                                node,
                                                "Accuracy %.4f: %d of %d held-out images, with the"
                                                        + " kept model."))
                        .stream()
                        .toList(),
                metrics.isPresent(),
                scores,
                "No scores: " + scoresFile + " is missing or unreadable.",
                Picture.of(
                        run,
                        confusion,
                        "Confusion matrix: true classes down, predicted across; shade is the share"
                                + " of the row"),
                Picture.of(
                        run,
                        errors,
                        "Misclassified held-out images (the first 64), captioned true -> predicted"));
    }

    private static ReportPage.Row scoreRow(String name, JsonNode scores) {
        return new ReportPage.Row(
                false,
                List.of(
                        name,
                        ReportPage.decimal(scores.path("precision").asDouble(Double.NaN)),
                        ReportPage.decimal(scores.path("recall").asDouble(Double.NaN)),
                        ReportPage.decimal(scores.path("f1").asDouble(Double.NaN)),
                        scores.path("support").asText("")));
    }

    static String accuracy(JsonNode metrics, String format) {
        return String.format(
                Locale.ROOT,
                format,
                metrics.path("accuracy").asDouble(),
                metrics.path("correct").asInt(),
                metrics.path("images").asInt());
    }

    /** The run's evaluation/metrics.json, when present and readable. */
    static Optional<JsonNode> metrics(RunFolder run) {
        return run.file(RunFiles.EVALUATION + "/" + RunFiles.EVALUATION_METRICS)
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
}
