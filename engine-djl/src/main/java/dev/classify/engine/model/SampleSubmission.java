package dev.classify.engine.model;

import dev.classify.api.InvalidDataException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A competition's sample submission: its two column names (id first, label second) and its ids, in
 * order. A prediction file written after it has the same header and the same ids in the same order.
 *
 * @param idColumn the header of the first column, e.g. {@code id}
 * @param labelColumn the header of the second column, e.g. {@code label}
 * @param ids the ids of every row, in order
 */
public record SampleSubmission(String idColumn, String labelColumn, List<String> ids) {

    /**
     * Reads {@code file}.
     *
     * @throws InvalidDataException when the file is missing, has no header of two columns, or no
     *     rows
     */
    public static SampleSubmission read(Path file) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> header = parser.getHeaderNames();
            if (header.size() != 2) {
                throw new InvalidDataException(
                        file,
                        "expected a header of two columns (id, label), got "
                                + header
                                + "; give the competition's sample submission");
            }
            List<String> ids = new ArrayList<>();
            for (CSVRecord record : parser) {
                ids.add(record.get(0).strip());
            }
            if (ids.isEmpty()) {
                throw new InvalidDataException(
                        file, "has a header but no rows; give the full sample");
            }
            String id = header.get(0).replace("\uFEFF", "");
            return new SampleSubmission(id, header.get(1), List.copyOf(ids));
        } catch (NoSuchFileException e) {
            throw new InvalidDataException(file, "file not found; check --sample");
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new InvalidDataException(
                    file, "not a readable CSV (" + e.getMessage() + "); check --sample");
        }
    }

    /**
     * Checks that {@code imageIds} are this sample's ids, in the same order.
     *
     * @throws InvalidDataException naming the first difference
     */
    public void checkIds(Path file, List<String> imageIds) {
        if (ids.size() != imageIds.size()) {
            throw new InvalidDataException(
                    file,
                    ids.size()
                            + " rows but there are "
                            + imageIds.size()
                            + " images; give the sample that belongs to these images");
        }
        for (int i = 0; i < ids.size(); i++) {
            if (!ids.get(i).equals(imageIds.get(i))) {
                throw new InvalidDataException(
                        file,
                        "row "
                                + (i + 1)
                                + " has id "
                                + ids.get(i)
                                + " but image "
                                + i
                                + " has id "
                                + imageIds.get(i)
                                + "; the images must be in the sample's order");
            }
        }
    }
}
