package dev.classify.report;

import dev.classify.api.EpochMetrics;
import dev.classify.api.InvalidDataException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The run's {@code metrics.csv}: one row per epoch with the columns {@code
 * epoch,lr,train_loss,train_accuracy,val_loss,val_accuracy,epoch_seconds,images_per_second};
 * validation cells are empty without a hold-out. Rewritten whole after every epoch, atomically.
 */
public final class MetricsFile {
    static final String[] HEADER = {
        "epoch",
        "lr",
        "train_loss",
        "train_accuracy",
        "val_loss",
        "val_accuracy",
        "epoch_seconds",
        "images_per_second"
    };

    private final Path file;
    private final List<EpochMetrics> rows = new ArrayList<>();

    public MetricsFile(Path file) {
        this(file, List.of());
    }

    /** A file continuing after {@code earlier} (a resumed run); rewritten at the next append. */
    public MetricsFile(Path file, List<EpochMetrics> earlier) {
        this.file = file;
        rows.addAll(earlier);
    }

    public void append(EpochMetrics metrics) throws IOException {
        rows.add(metrics);
        List<List<Object>> cells = new ArrayList<>(rows.size());
        for (EpochMetrics row : rows) {
            cells.add(
                    List.of(
                            row.epoch(),
                            number(row.learningRate()),
                            number(row.trainLoss()),
                            number(row.trainAccuracy()),
                            number(row.validationLoss()),
                            number(row.validationAccuracy()),
                            String.format(Locale.ROOT, "%.3f", row.epochSeconds()),
                            String.format(Locale.ROOT, "%.1f", row.imagesPerSecond())));
        }
        CsvFile.write(file, List.of(HEADER), cells);
    }

    /**
     * Reads a {@code metrics.csv} as written by a run; empty validation cells read as {@code NaN}.
     *
     * @throws InvalidDataException when the file cannot be read, lacks a column, or has a cell that
     *     is not a number
     */
    static List<EpochMetrics> read(Path file) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        List<EpochMetrics> rows = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> missing =
                    Arrays.stream(HEADER)
                            .filter(column -> !parser.getHeaderMap().containsKey(column))
                            .toList();
            if (!missing.isEmpty()) {
                throw new InvalidDataException(
                        file,
                        "missing columns "
                                + missing
                                + "; expected the header "
                                + String.join(",", HEADER)
                                + " as 'classify train' writes it");
            }
            for (CSVRecord record : parser) {
                rows.add(
                        new EpochMetrics(
                                (int) cell(file, record, "epoch", false),
                                cell(file, record, "lr", false),
                                cell(file, record, "train_loss", false),
                                cell(file, record, "train_accuracy", false),
                                cell(file, record, "val_loss", true),
                                cell(file, record, "val_accuracy", true),
                                cell(file, record, "epoch_seconds", false),
                                cell(file, record, "images_per_second", false)));
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InvalidDataException(
                    file,
                    "cannot read the metrics ("
                            + e.getClass().getSimpleName()
                            + "); restore the file or train the run again",
                    e);
        }
        return List.copyOf(rows);
    }

    private static double cell(Path file, CSVRecord record, String column, boolean optional) {
        String text = record.isSet(column) ? record.get(column).trim() : "";
        if (text.isEmpty() && optional) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new InvalidDataException(
                    file,
                    "line "
                            + (record.getRecordNumber() + 1)
                            + ", column "
                            + column
                            + ": '"
                            + text
                            + "' is not a number; restore the file or train the run again");
        }
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.6g", value);
    }
}
