package dev.classify.engine.model;

import dev.classify.report.CsvFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Writes predictions as the competition's {@code id,label} CSV, atomically. */
public final class PredictionFile {
    private PredictionFile() {}

    /**
     * Writes one row per image, in the given order.
     *
     * @param file the CSV to write; replaced only once it is complete
     * @param ids the image ids
     * @param labels the predicted labels (class names), one per id
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, List<String> ids, List<String> labels) throws IOException {
        write(file, "id", "label", ids, labels);
    }

    /**
     * Writes one row per image, in the given order, under the header {@code idColumn,labelColumn}
     * (e.g. a sample submission's).
     *
     * @throws IOException when the file cannot be written
     */
    public static void write(
            Path file, String idColumn, String labelColumn, List<String> ids, List<String> labels)
            throws IOException {
        if (ids.size() != labels.size()) {
            throw new IllegalArgumentException(
                    ids.size() + " ids but " + labels.size() + " labels");
        }
        List<List<String>> rows = new java.util.ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            rows.add(List.of(ids.get(i), labels.get(i)));
        }
        CsvFile.write(file, List.of(idColumn, labelColumn), rows);
    }
}
