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

    /**
     * Adds the row of {@code metrics} and writes the file again.
     *
     * @throws FileWriteException naming the file when it cannot be written
     */
    public void append(EpochMetrics metrics) throws IOException {
        rows.add(metrics);
        write();
    }

    /**
     * Writes the file with the rows so far, replacing it once complete: a resumed run's earlier
     * rows, written again in case the run was killed before its last row reached the file.
     *
     * @throws FileWriteException naming the file when it cannot be written
     */
    public void write() throws IOException {
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
     * Whether {@code file} is a readable metrics file of exactly epochs 1 to {@code epochs}; false
     * when it is missing, damaged or holds fewer or more rows.
     */
    public static boolean holdsEpochs(Path file, int epochs) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            List<EpochMetrics> rows = read(file);
            return rows.size() == epochs && (epochs == 0 || rows.get(0).epoch() == 1);
        } catch (InvalidDataException e) {
            return false;
        }
    }

    /**
     * Reads a {@code metrics.csv} as written by a run and checks every row: epochs are whole
     * numbers counting up by 1, accuracies are in [0, 1], losses, seconds, images per second and
     * the learning rate are finite and not negative. Empty accuracy and validation loss cells read
     * as {@code NaN} (no hold-out).
     *
     * @throws InvalidDataException when the file cannot be read, lacks a column, or has a cell that
     *     is not a number or breaks these rules; the message names the line
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
            int previous = 0;
            for (CSVRecord record : parser) {
                Cells cells = new Cells(file, record);
                EpochMetrics row =
                        new EpochMetrics(
                                cells.epoch(previous),
                                cells.atLeastZero("lr", false),
                                cells.atLeastZero("train_loss", false),
                                cells.fraction("train_accuracy"),
                                cells.atLeastZero("val_loss", true),
                                cells.fraction("val_accuracy"),
                                cells.atLeastZero("epoch_seconds", false),
                                cells.atLeastZero("images_per_second", false));
                rows.add(row);
                previous = row.epoch();
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

    /**
     * The cells of one row, checked as they are read. A value training cannot have written (an
     * epoch of 1e10, an accuracy of 2.5, negative seconds) means the file was changed or damaged:
     * refused here rather than printed by {@code compare} and {@code report} as if measured.
     */
    private static final class Cells {
        private final Path file;
        private final CSVRecord record;

        Cells(Path file, CSVRecord record) {
            this.file = file;
            this.record = record;
        }

        /** A whole number from 1, one more than {@code previous} unless this is the first row. */
        int epoch(int previous) {
            double value = number("epoch", false);
            if (value != Math.rint(value) || value < 1 || value > Integer.MAX_VALUE) {
                throw damaged("epoch is " + text("epoch") + ", not a whole number from 1");
            }
            int epoch = (int) value;
            if (previous > 0 && epoch != previous + 1) {
                throw damaged(
                        "epoch is "
                                + text("epoch")
                                + " after epoch "
                                + previous
                                + ", not "
                                + (previous + 1));
            }
            return epoch;
        }

        /** A finite number >= 0; {@code NaN} when {@code optional} and empty or NaN. */
        double atLeastZero(String column, boolean optional) {
            double value = number(column, optional);
            if (optional && Double.isNaN(value)) {
                return value;
            }
            if (!Double.isFinite(value) || value < 0) {
                throw damaged(column + " is " + text(column) + ", not a finite number >= 0");
            }
            return value;
        }

        /** A number in [0, 1], or {@code NaN} when empty or NaN. */
        double fraction(String column) {
            double value = number(column, true);
            if (!Double.isNaN(value) && !(value >= 0 && value <= 1)) {
                throw damaged(column + " is " + text(column) + ", outside 0..1");
            }
            return value;
        }

        private double number(String column, boolean optional) {
            String text = text(column);
            if (text.isEmpty() && optional) {
                return Double.NaN;
            }
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new InvalidDataException(
                        file,
                        "line "
                                + line()
                                + ", column "
                                + column
                                + ": '"
                                + text
                                + "' is not a number; restore the file or train the run again");
            }
        }

        private String text(String column) {
            return record.isSet(column) ? record.get(column).trim() : "";
        }

        private long line() {
            return record.getRecordNumber() + 1;
        }

        private InvalidDataException damaged(String problem) {
            return new InvalidDataException(
                    file,
                    "line "
                            + line()
                            + ": "
                            + problem
                            + "; the file is damaged: train the run again");
        }
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.6g", value);
    }
}
