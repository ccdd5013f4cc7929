package dev.classify.datasets;

import static java.util.Objects.requireNonNull;

import dev.classify.api.InvalidDataException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Class labels read from a CSV file with a header row, one row per image, matched to images by an
 * integer id column: the ids must be exactly 0..N-1 for N images, in any order.
 *
 * <p>The file is UTF-8 (a byte order mark is skipped), with LF or CRLF line ends; values are
 * trimmed, blank lines and extra columns are ignored. Labels are either all integers in 0..{@value
 * #MAX_LABEL} (class names "0".."K-1" with K = max label + 1) or all class names such as {@code
 * shirt} (classes numbered in the sorted order of the names); a mix is rejected, see {@link
 * LabelColumn}. Immutable and thread safe.
 */
public final class CsvLabels implements ClassLabels {
    /** The default name of the id column. */
    public static final String DEFAULT_ID_COLUMN = "id";

    /** The default name of the label column. */
    public static final String DEFAULT_LABEL_COLUMN = "label";

    /** The largest label accepted; a larger one is almost certainly a typo or a wrong column. */
    public static final int MAX_LABEL = LabelColumn.MAX_LABEL;

    private static final CSVFormat FORMAT =
            CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .setTrim(true)
                    .setIgnoreEmptyLines(true)
                    .get();

    private final int[] labels;
    private final List<String> classNames;
    private final int[] lines;

    private CsvLabels(int[] labels, List<String> classNames, int[] lines) {
        this.labels = labels;
        this.classNames = classNames;
        this.lines = lines;
    }

    /**
     * Reads the labels of {@code imageCount} images from {@code file}.
     *
     * @param file the CSV file
     * @param idColumn the name of the id column in the header row
     * @param labelColumn the name of the label column in the header row
     * @param imageCount the number of images N; the ids must be exactly 0..N-1
     * @throws InvalidDataException when the file is missing, not a regular file, larger than the
     *     {@link MemoryBudget} allows, empty or not UTF-8, a column is missing, an id is not an
     *     integer, a label is empty or negative, labels mix integers and names, an id is repeated
     *     or outside 0..N-1, or the number of rows differs from N
     */
    public static CsvLabels read(Path file, String idColumn, String labelColumn, int imageCount) {
        requireNonNull(file, "file is null");
        requireNonNull(idColumn, "idColumn is null");
        requireNonNull(labelColumn, "labelColumn is null");
        if (imageCount < 1) {
            throw new IllegalArgumentException("imageCount must be positive, got " + imageCount);
        }
        String text = readText(file);
        if (text.isBlank()) {
            throw new InvalidDataException(
                    file,
                    "empty file; expected a header row '"
                            + idColumn
                            + ","
                            + labelColumn
                            + "' and one row per image");
        }
        try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
            List<String> header = parser.getHeaderNames();
            checkColumn(file, header, idColumn, "idColumn");
            checkColumn(file, header, labelColumn, "labelColumn");
            return new Rows(file, text, idColumn, labelColumn, imageCount).read(parser);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            throw CsvProblems.malformed(file, e);
        }
    }

    @Override
    public int size() {
        return labels.length;
    }

    /**
     * Returns the label of the image with id {@code id}.
     *
     * @throws IndexOutOfBoundsException when {@code id} is outside 0..size()-1
     */
    @Override
    public int label(int id) {
        return labels[Objects.checkIndex(id, labels.length)];
    }

    /**
     * Returns the 1-based line of the file holding the row of the image with id {@code id} (blank
     * lines and a byte order mark counted as the file has them).
     *
     * @throws IndexOutOfBoundsException when {@code id} is outside 0..size()-1
     */
    @Override
    public OptionalInt line(int id) {
        return OptionalInt.of(lines[Objects.checkIndex(id, lines.length)]);
    }

    /** The number of classes K: the largest integer label plus one, or the number of names. */
    public int classCount() {
        return classNames.size();
    }

    /** The class names, indexed by label: "0".."K-1", or the sorted names. */
    @Override
    public List<String> classNames() {
        return classNames;
    }

    private static void checkColumn(Path file, List<String> header, String column, String option) {
        int occurrences = Collections.frequency(header, column);
        if (occurrences == 0) {
            throw new InvalidDataException(
                    file,
                    "no column '"
                            + column
                            + "' in the header row; found "
                            + header
                            + "; rename the column or set the source option '"
                            + option
                            + "'");
        }
        if (occurrences > 1) {
            throw new InvalidDataException(
                    file,
                    "column '"
                            + column
                            + "' appears "
                            + occurrences
                            + " times in the header row "
                            + header
                            + "; keep one");
        }
    }

    private static String readText(Path file) {
        SpecialFiles.refuse(file, "give a labels file");
        try {
            long size = Files.size(file);
            // The bytes read and the text decoded from them.
            MemoryBudget.check(file, "is " + MemoryBudget.size(size) + " of text", 2 * size);
            String text = Files.readString(file);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (NoSuchFileException e) {
            throw new InvalidDataException(file, "file not found", e);
        } catch (AccessDeniedException e) {
            throw new InvalidDataException(file, "permission denied; make the file readable", e);
        } catch (CharacterCodingException e) {
            throw new InvalidDataException(file, "not UTF-8 text; save the CSV file as UTF-8", e);
        } catch (IOException e) {
            throw new InvalidDataException(file, "cannot read the file: " + e, e);
        }
    }

    /** One pass over the data rows, checking each and collecting the labels by id. */
    private static final class Rows {
        private final Path file;
        private final String text;
        private final String idColumn;
        private final String labelColumn;
        private final String[] values;
        private final int[] lines;
        private int cursor;
        private int cursorLine = 1;

        Rows(Path file, String text, String idColumn, String labelColumn, int imageCount) {
            this.file = file;
            this.text = text;
            this.idColumn = idColumn;
            this.labelColumn = labelColumn;
            this.values = new String[imageCount];
            this.lines = new int[imageCount];
        }

        CsvLabels read(CSVParser parser) {
            int rows = 0;
            for (CSVRecord record : parser) {
                int line = lineOf(record);
                int id = integer(record, line, idColumn, "id");
                String label = value(record, line, labelColumn, "label");
                if (label.isEmpty()) {
                    throw rowProblem(
                            line,
                            "empty label in column '"
                                    + labelColumn
                                    + "'; give every image a class index or name");
                }
                if (id < 0 || id >= values.length) {
                    throw rowProblem(
                            line,
                            "id "
                                    + id
                                    + " is outside 0.."
                                    + (values.length - 1)
                                    + " (there are "
                                    + values.length
                                    + " images); ids are the images' row indices in the array");
                }
                if (lines[id] > 0) {
                    throw rowProblem(
                            line,
                            "duplicate id "
                                    + id
                                    + ", first on line "
                                    + lines[id]
                                    + "; give each image one row");
                }
                lines[id] = line;
                values[id] = label;
                rows++;
            }
            if (rows != values.length) {
                throw new InvalidDataException(file, countMismatch(rows));
            }
            try {
                LabelColumn.Resolved resolved = LabelColumn.resolve(values, lines, labelColumn);
                return new CsvLabels(resolved.labels(), resolved.classNames(), lines);
            } catch (LabelColumn.Problem e) {
                throw rowProblem(lines[e.id], e.getMessage());
            }
        }

        private String value(CSVRecord record, int line, String column, String what) {
            if (!record.isSet(column)) {
                throw rowProblem(line, "no " + what + " value (column '" + column + "')");
            }
            return record.get(column);
        }

        private int integer(CSVRecord record, int line, String column, String what) {
            String value = value(record, line, column, what);
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw rowProblem(
                        line,
                        what
                                + " '"
                                + value
                                + "' in column '"
                                + column
                                + "' is not an integer; "
                                + what
                                + "s must be integers such as 0, 1, 2");
            }
        }

        private String countMismatch(int rows) {
            List<Integer> missing = new ArrayList<>();
            for (int id = 0; id < lines.length && missing.size() < 10; id++) {
                if (lines[id] == 0) {
                    missing.add(id);
                }
            }
            return rows
                    + " label rows for "
                    + values.length
                    + " images; missing ids"
                    + (values.length - rows > missing.size() ? " (first 10)" : "")
                    + ": "
                    + missing
                    + "; give every image id 0.."
                    + (values.length - 1)
                    + " exactly one row";
        }

        private InvalidDataException rowProblem(int line, String problem) {
            return new InvalidDataException(file, "line " + line + ": " + problem);
        }

        /**
         * The 1-based line of {@code record}, past skipped blank lines. Records come in file order,
         * so the lines are counted from the previous record on: one pass over the text in all.
         */
        private int lineOf(CSVRecord record) {
            int end = (int) record.getCharacterPosition();
            while (end < text.length() && (text.charAt(end) == '\r' || text.charAt(end) == '\n')) {
                end++;
            }
            for (; cursor < end; cursor++) {
                if (text.charAt(cursor) == '\n') {
                    cursorLine++;
                }
            }
            return cursorLine;
        }
    }
}
