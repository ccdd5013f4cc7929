package dev.classify.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes CSV files as classify writes all of its own: UTF-8, a header row, RFC 4180 quoting where a
 * cell needs it, {@code \n} line ends, and atomically (a temporary file beside the target, moved
 * into place once complete), so that a crash never leaves a half-written file over a good one.
 */
public final class CsvFile {
    private CsvFile() {}

    /**
     * Writes {@code rows} under {@code header}, replacing {@code file} once complete and creating
     * its folder when absent.
     *
     * @param header the column names
     * @param rows the rows, each a list of cells written with {@code String.valueOf}
     * @throws IOException when the file cannot be written; {@code file} is then left as it was
     */
    public static void write(Path file, List<String> header, List<? extends List<?>> rows)
            throws IOException {
        CSVFormat format =
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader(header.toArray(String[]::new))
                        .setRecordSeparator('\n')
                        .get();
        AtomicFiles.writeText(
                file,
                writer -> {
                    try (CSVPrinter printer = new CSVPrinter(writer, format)) {
                        for (List<?> row : rows) {
                            printer.printRecord(row);
                        }
                    }
                });
    }
}
