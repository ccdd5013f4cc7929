package dev.classify.report;

import dev.classify.api.EpochMetrics;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One row per run: model, trainable parameters, finished epochs, best validation accuracy and its
 * epoch, the last epoch's learning rate and the summed wall time of the epochs. Printed as an
 * aligned text table and written as {@code comparison.csv}.
 *
 * @param rows the rows, in the order the runs were given
 */
public record ComparisonTable(List<Row> rows) {
    /** The file name {@code classify compare} writes. */
    public static final String FILE_NAME = "comparison.csv";

    /** The columns of {@code comparison.csv}. */
    static final String[] HEADER = {
        "run",
        "model",
        "parameters",
        "epochs",
        "best_val_accuracy",
        "best_epoch",
        "final_lr",
        "wall_seconds"
    };

    private static final String[] TITLES = {
        "run",
        "model",
        "parameters",
        "epochs",
        "best val acc",
        "best epoch",
        "final lr",
        "wall time"
    };

    /**
     * One run.
     *
     * @param run the run's label (its folder name)
     * @param model the architecture with its options, e.g. {@code resnet depth=18 stem=small}
     * @param parameters trainable parameters, empty when the model could not be built
     * @param epochs finished epochs
     * @param best the epoch of highest validation accuracy, empty without a hold-out
     * @param finalLearningRate the learning rate of the last finished epoch
     * @param wallSeconds the summed wall time of the epochs, in seconds
     */
    public record Row(
            String run,
            String model,
            OptionalLong parameters,
            int epochs,
            Optional<EpochMetrics> best,
            double finalLearningRate,
            double wallSeconds) {}

    /**
     * Builds the table of {@code runs} labelled by {@code labels} (same order and size), counting
     * parameters with {@code counter}.
     */
    public static ComparisonTable of(
            List<RunFolder> runs, List<String> labels, ParameterCounter counter) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            RunFolder run = runs.get(i);
            rows.add(
                    new Row(
                            labels.get(i),
                            run.modelName(),
                            run.parameters(counter),
                            run.lastEpoch().epoch(),
                            run.bestEpoch(),
                            run.lastEpoch().learningRate(),
                            run.wallSeconds()));
        }
        return new ComparisonTable(List.copyOf(rows));
    }

    /**
     * Returns the table as aligned text, a header line and one line per run, ending in a newline.
     */
    public String text() {
        List<String[]> lines = new ArrayList<>();
        lines.add(TITLES);
        for (Row row : rows) {
            lines.add(
                    new String[] {
                        row.run(),
                        row.model(),
                        row.parameters().isPresent()
                                ? String.format(Locale.ROOT, "%,d", row.parameters().getAsLong())
                                : "?",
                        Integer.toString(row.epochs()),
                        row.best()
                                .map(
                                        b ->
                                                String.format(
                                                        Locale.ROOT,
                                                        "%.4f",
                                                        b.validationAccuracy()))
                                .orElse("-"),
                        row.best().map(b -> Integer.toString(b.epoch())).orElse("-"),
                        learningRate(row.finalLearningRate()),
                        duration(row.wallSeconds())
                    });
        }
        int[] widths = new int[TITLES.length];
        for (String[] line : lines) {
            for (int c = 0; c < line.length; c++) {
                widths[c] = Math.max(widths[c], line[c].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] line : lines) {
            StringBuilder out = new StringBuilder();
            for (int c = 0; c < line.length; c++) {
                if (c > 0) {
                    out.append("  ");
                }
                // Names to the left, numbers to the right.
                String format = c < 2 ? "%-" + widths[c] + "s" : "%" + widths[c] + "s";
                out.append(String.format(Locale.ROOT, format, line[c]));
            }
            text.append(out.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    /** Writes the table as CSV with the columns of {@link #HEADER}; empty cells where unknown. */
    public void writeCsv(Path file) throws IOException {
        List<List<Object>> cells = new ArrayList<>(rows.size());
        for (Row row : rows) {
            cells.add(
                    List.of(
                            row.run(),
                            row.model(),
                            row.parameters().isPresent()
                                    ? Long.toString(row.parameters().getAsLong())
                                    : "",
                            row.epochs(),
                            row.best()
                                    .map(
                                            b ->
                                                    String.format(
                                                            Locale.ROOT,
                                                            "%.6f",
                                                            b.validationAccuracy()))
                                    .orElse(""),
                            row.best().map(b -> Integer.toString(b.epoch())).orElse(""),
                            String.format(Locale.ROOT, "%.6g", row.finalLearningRate()),
                            String.format(Locale.ROOT, "%.3f", row.wallSeconds())));
        }
        CsvFile.write(file, List.of(HEADER), cells);
    }

    /** Formats a learning rate with up to 4 significant digits: {@code 0.01}, {@code 0.0003125}. */
    public static String learningRate(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros();
        return Math.abs(value) < 1e-6 ? rounded.toString() : rounded.toPlainString();
    }

    /** Formats seconds as {@code 4.8s}, {@code 2m 05s} or {@code 1h 02m}. */
    public static String duration(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1fs", seconds);
        }
        long whole = Math.round(seconds);
        if (whole < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", whole / 60, whole % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", whole / 3600, whole % 3600 / 60);
    }
}
