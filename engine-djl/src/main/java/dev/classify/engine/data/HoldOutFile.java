package dev.classify.engine.data;

import dev.classify.api.ImageSet;
import dev.classify.api.InvalidDataException;
import dev.classify.report.CsvFile;
import dev.classify.report.RunFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The run folder's {@code holdout.csv}: the ids of the held-out training images, one per row under
 * the header {@code id}, in the images' order. {@code data.validation.ids} reads it back to hold
 * out the same images again.
 */
public final class HoldOutFile {
    /** The file's name in a run folder. */
    public static final String FILE_NAME = RunFiles.HOLD_OUT;

    private static final String COLUMN = "id";

    private HoldOutFile() {}

    /**
     * Writes the ids of {@code split}'s validation images of {@code images}, atomically.
     *
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, ImageSet images, HoldOutSplit split) throws IOException {
        List<List<String>> rows = new ArrayList<>(split.validation().length);
        for (int index : split.validation()) {
            rows.add(List.of(images.id(index)));
        }
        CsvFile.write(file, List.of(COLUMN), rows);
    }

    /**
     * Reads the ids in {@code file} and holds out those images of {@code images}.
     *
     * @throws InvalidDataException when the file is missing or has no {@code id} column, an id is
     *     not one of the images' or is repeated, or the ids leave no training image
     */
    public static HoldOutSplit read(Path file, ImageSet images) {
        boolean[] held =
                heldOut(file, text(file, "data.validation.ids"), images, "an image of data.train");
        try {
            return HoldOutSplit.of(held);
        } catch (IllegalArgumentException e) {
            throw new InvalidDataException(
                    file,
                    "lists every training image; hold out fewer (a run's "
                            + FILE_NAME
                            + " lists only its hold-out)");
        }
    }

    /**
     * Returns the indices of the images of {@code images} that {@code file} lists (as a run's
     * {@code holdout.csv}: header {@code id}, one id per row), in the images' order; {@code option}
     * is the command-line option or key that named the file, for the messages.
     *
     * @throws InvalidDataException when the file is missing or has no {@code id} column, or an id
     *     is not one of the images' or is repeated
     */
    public static int[] listed(Path file, ImageSet images, String option) {
        boolean[] held = heldOut(file, text(file, option), images, "the id of any of the images");
        int count = 0;
        for (boolean h : held) {
            count += h ? 1 : 0;
        }
        int[] indices = new int[count];
        for (int i = 0, next = 0; i < held.length; i++) {
            if (held[i]) {
                indices[next++] = i;
            }
        }
        return indices;
    }

    /** The file's text without a leading byte order mark; {@code key} named the file. */
    private static String text(Path file, String key) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidDataException(file, "file not found; check " + key, e);
        } catch (IOException e) {
            throw new InvalidDataException(
                    file, "cannot read the file (" + e + "); check " + key, e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return text;
    }

    /** Which of {@code images} the CSV {@code text} lists, each at most once. */
    private static boolean[] heldOut(Path file, String text, ImageSet images, String source) {
        Map<String, Integer> indices = new HashMap<>();
        for (int i = 0; i < images.size(); i++) {
            indices.putIfAbsent(images.id(i), i);
        }
        CSVFormat format =
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .setTrim(true)
                        .setIgnoreEmptyLines(true)
                        .get();
        boolean[] held = new boolean[images.size()];
        long[] lines = new long[images.size()];
        try (CSVParser parser = CSVParser.parse(text, format)) {
            if (!parser.getHeaderNames().contains(COLUMN)) {
                throw new InvalidDataException(
                        file,
                        "no column '"
                                + COLUMN
                                + "' in the header row; found "
                                + parser.getHeaderNames()
                                + "; give a "
                                + FILE_NAME
                                + " written by classify train (header id, one id per row)");
            }
            for (CSVRecord record : parser) {
                hold(file, record, indices, held, lines, source);
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            throw new InvalidDataException(file, "malformed CSV: " + e.getMessage(), e);
        }
        return held;
    }

    /** Marks the image of {@code record}'s id as held out on {@code record}'s line. */
    private static void hold(
            Path file,
            CSVRecord record,
            Map<String, Integer> indices,
            boolean[] held,
            long[] lines,
            String source) {
        long line = record.getRecordNumber() + 1;
        String id = record.isSet(COLUMN) ? record.get(COLUMN) : "";
        Integer index = indices.get(id);
        if (index == null) {
            throw new InvalidDataException(
                    file,
                    "line "
                            + line
                            + ": id '"
                            + id
                            + "' is not "
                            + source
                            + "; give the "
                            + FILE_NAME
                            + " of a run on these training images");
        }
        if (held[index]) {
            throw new InvalidDataException(
                    file,
                    "line "
                            + line
                            + ": duplicate id '"
                            + id
                            + "', first on line "
                            + lines[index]
                            + "; list each image once");
        }
        held[index] = true;
        lines[index] = line;
    }
}
