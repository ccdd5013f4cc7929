package dev.classify.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The run's {@code metrics.csv}: one row per epoch with the columns {@code
 * epoch,lr,train_loss,train_accuracy,val_loss,val_accuracy,epoch_seconds,images_per_second};
 * validation cells are empty without a hold-out. Rewritten whole after every epoch, atomically.
 */
final class MetricsFile {
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

    MetricsFile(Path file) {
        this(file, List.of());
    }

    /** A file continuing after {@code earlier} (a resumed run); rewritten at the next append. */
    MetricsFile(Path file, List<EpochMetrics> earlier) {
        this.file = file;
        rows.addAll(earlier);
    }

    void append(EpochMetrics metrics) throws IOException {
        rows.add(metrics);
        CSVFormat format =
                CSVFormat.DEFAULT.builder().setHeader(HEADER).setRecordSeparator('\n').get();
        AtomicFiles.writeText(
                file,
                writer -> {
                    try (CSVPrinter printer = new CSVPrinter(writer, format)) {
                        for (EpochMetrics row : rows) {
                            printer.printRecord(
                                    row.epoch(),
                                    number(row.learningRate()),
                                    number(row.trainLoss()),
                                    number(row.trainAccuracy()),
                                    number(row.validationLoss()),
                                    number(row.validationAccuracy()),
                                    String.format(Locale.ROOT, "%.3f", row.epochSeconds()),
                                    String.format(Locale.ROOT, "%.1f", row.imagesPerSecond()));
                        }
                    }
                });
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.6g", value);
    }
}
