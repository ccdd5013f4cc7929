package dev.classify.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.classify.api.EpochMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * What {@code report.html} shows of a run, as plain text for the template: every number formatted,
 * nothing escaped (the template escapes). The names of the fields are the template's.
 *
 * @param name the run folder's name
 * @param path the run folder's absolute path
 * @param summary model, parameters, input, classes, epochs, best epoch, rate, hold-out, wall time
 * @param curves {@code curves.png}
 * @param headings the headings of the metrics table
 * @param epochs one row per epoch, the best one marked
 * @param validation whether the epochs were measured on a hold-out
 * @param modelFolder the name of the run's model folder
 * @param timing total wall time, seconds per epoch, training speed
 * @param secondsPerEpoch every epoch's seconds, comma separated
 * @param evaluation the hold-out evaluation
 * @param configFile the name of the run's configuration file
 * @param configuration the configuration's text, none when missing
 * @param problems what could not be read
 */
record ReportPage(
        String name,
        String path,
        List<Fact> summary,
        Picture curves,
        List<String> headings,
        List<Row> epochs,
        boolean validation,
        String modelFolder,
        List<Fact> timing,
        String secondsPerEpoch,
        HoldOutSection evaluation,
        String configFile,
        List<String> configuration,
        List<String> problems) {

    private static final int MAX_NAMES = 30;

    /** A line of a facts table. */
    record Fact(String name, String value) {}

    /** A row of a table, highlighted when {@code best}. */
    record Row(boolean best, List<String> cells) {}

    /** Whether anything could not be read. */
    boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** Collects what the page shows of {@code run}, with its parameter count when known. */
    static ReportPage of(RunFolder run, OptionalLong parameters) {
        Optional<JsonNode> holdOut = HoldOutSection.metrics(run);
        boolean validation = run.hasValidation();
        return new ReportPage(
                run.name(),
                run.path().toAbsolutePath().normalize().toString(),
                summary(run, parameters, holdOut),
                Picture.of(
                        run,
                        RunFiles.CURVES,
                        "Loss and top-1 accuracy per epoch, training against validation"),
                validation
                        ? List.of(
                                "epoch",
                                "learning rate",
                                "train loss",
                                "train accuracy",
                                "val loss",
                                "val accuracy",
                                "seconds",
                                "images/s")
                        : List.of(
                                "epoch",
                                "learning rate",
                                "train loss",
                                "train accuracy",
                                "seconds",
                                "images/s"),
                epochs(run, validation),
                run.bestEpoch().isPresent(),
                RunFiles.MODEL,
                timing(run),
                run.epochs().stream()
                        .map(epoch -> String.format(Locale.ROOT, "%.1f", epoch.epochSeconds()))
                        .collect(Collectors.joining(", ")),
                HoldOutSection.of(run, holdOut),
                RunFiles.CONFIG,
                run.configuration().stream().toList(),
                run.problems());
    }

    private static List<Fact> summary(
            RunFolder run, OptionalLong parameters, Optional<JsonNode> holdOut) {
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("model", run.modelName()));
        facts.add(
                new Fact(
                        "parameters",
                        parameters.isPresent()
                                ? String.format(
                                        Locale.ROOT, "%,d (trainable)", parameters.getAsLong())
                                : "unknown"));
        run.model()
                .ifPresent(
                        model -> {
                            facts.add(
                                    new Fact(
                                            "input",
                                            shape(model.imageShape())
                                                    + " images, "
                                                    + shape(model.inputShape())
                                                    + " into the network"));
                            facts.add(
                                    new Fact(
                                            "classes",
                                            model.classNames().size()
                                                    + ": "
                                                    + names(model.classNames())));
                        });
        EpochMetrics last = run.lastEpoch();
        facts.add(new Fact("epochs", Integer.toString(last.epoch())));
        facts.add(
                new Fact(
                        "best epoch",
                        run.bestEpoch()
                                .map(
                                        b ->
                                                String.format(
                                                        Locale.ROOT,
                                                        "%d (validation accuracy %.4f, loss %.4f)",
                                                        b.epoch(),
                                                        b.validationAccuracy(),
                                                        b.validationLoss()))
                                .orElse("no validation metrics: trained without a hold-out")));
        facts.add(
                new Fact("final learning rate", ComparisonTable.learningRate(last.learningRate())));
        holdOut.ifPresent(
                metrics ->
                        facts.add(
                                new Fact(
                                        "hold-out accuracy",
                                        HoldOutSection.accuracy(
                                                metrics, "%.4f (%d of %d images, kept model)"))));
        facts.add(
                new Fact(
                        "wall time",
                        ComparisonTable.duration(run.wallSeconds()) + " (sum of the epochs)"));
        return facts;
    }

    private static List<Row> epochs(RunFolder run, boolean validation) {
        int best = run.bestEpoch().map(EpochMetrics::epoch).orElse(-1);
        List<Row> rows = new ArrayList<>();
        for (EpochMetrics epoch : run.epochs()) {
            List<String> cells = new ArrayList<>();
            cells.add(Integer.toString(epoch.epoch()));
            cells.add(ComparisonTable.learningRate(epoch.learningRate()));
            cells.add(decimal(epoch.trainLoss()));
            cells.add(decimal(epoch.trainAccuracy()));
            if (validation) {
                cells.add(decimal(epoch.validationLoss()));
                cells.add(decimal(epoch.validationAccuracy()));
            }
            cells.add(String.format(Locale.ROOT, "%.1f", epoch.epochSeconds()));
            cells.add(String.format(Locale.ROOT, "%.0f", epoch.imagesPerSecond()));
            rows.add(new Row(epoch.epoch() == best, cells));
        }
        return rows;
    }

    private static List<Fact> timing(RunFolder run) {
        double[] seconds = run.epochs().stream().mapToDouble(EpochMetrics::epochSeconds).toArray();
        List<Fact> facts = new ArrayList<>();
        facts.addAll(
                List.of(
                        new Fact(
                                "total wall time",
                                ComparisonTable.duration(run.wallSeconds())
                                        + String.format(
                                                Locale.ROOT,
                                                " (%.1f s over %d epochs)",
                                                run.wallSeconds(),
                                                seconds.length)),
                        new Fact(
                                "per epoch",
                                String.format(
                                        Locale.ROOT,
                                        "%.1f s mean, %.1f s fastest, %.1f s slowest",
                                        Arrays.stream(seconds).average().orElse(0),
                                        Arrays.stream(seconds).min().orElse(0),
                                        Arrays.stream(seconds).max().orElse(0))),
                        new Fact(
                                "training speed",
                                String.format(
                                        Locale.ROOT,
                                        "%.0f images/s (mean of the epochs)",
                                        run.meanImagesPerSecond()))));
        timeToAccuracy(run).ifPresent(text -> facts.add(new Fact("time to accuracy", text)));
        return facts;
    }

    /** The milestones, increasing, as fractions of the hold-out classified correctly. */
    static final double[] ACCURACY_MILESTONES = {
        0.5, 0.8, 0.9, 0.93, 0.94, 0.95, 0.96, 0.97, 0.98, 0.99
    };

    /** Milestones further below the best than this are left out. */
    private static final double MILESTONE_SPAN = 0.1;

    /**
     * When {@code run} first reached the validation accuracies a practitioner quotes: for each
     * milestone within 0.1 below the run's best, the first epoch that reached it and the summed
     * wall time of the epochs until then (not the process start or the final evaluation), then the
     * next milestone it did not reach, e.g. {@code 0.90 at epoch 4 (3m 20s), 0.93 at epoch 9 (7m
     * 30s), 0.94 not reached}. Empty without a hold-out.
     */
    static Optional<String> timeToAccuracy(RunFolder run) {
        Optional<EpochMetrics> best = run.bestEpoch();
        if (best.isEmpty()) {
            return Optional.empty();
        }
        double top = best.get().validationAccuracy();
        List<String> parts = new ArrayList<>();
        for (double milestone : ACCURACY_MILESTONES) {
            if (milestone < top - MILESTONE_SPAN) {
                continue;
            }
            Optional<EpochMetrics> first = run.firstReaching(milestone);
            if (first.isEmpty()) {
                parts.add(String.format(Locale.ROOT, "%.2f not reached", milestone));
                break;
            }
            int epoch = first.get().epoch();
            parts.add(
                    String.format(
                            Locale.ROOT,
                            "%.2f at epoch %d (%s)",
                            milestone,
                            epoch,
                            ComparisonTable.duration(run.secondsThrough(epoch))));
        }
        return Optional.of(String.join(", ", parts));
    }

    static String decimal(double value) {
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
        return Arrays.stream(chw).mapToObj(Integer::toString).collect(Collectors.joining("x"));
    }
}
