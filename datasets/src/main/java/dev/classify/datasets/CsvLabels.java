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
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Integer class labels read from a CSV file with a header row, one row per image, matched to images
 * by an integer id column: the ids must be exactly 0..N-1 for N images, in any order.
 *
 * <p>The file is UTF-8 (a byte order mark is skipped), with LF or CRLF line ends; values are
 * trimmed, blank lines and extra columns are ignored. Labels are integers in 0..{@value
 * #MAX_LABEL}; with K = max label + 1 the class names are "0".."K-1". Immutable and thread safe.
 */
public final class CsvLabels {
    /** The default name of the id column. */
    public static final String DEFAULT_ID_COLUMN = "id";

    /** The default name of the label column. */
    public static final String DEFAULT_LABEL_COLUMN = "label";

    /** The largest label accepted; a larger one is almost certainly a typo or a wrong column. */
    public static final int MAX_LABEL = 999_999;

    private static final CSVFormat FORMAT =
            CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .setTrim(true)
                    .setIgnoreEmptyLines(true)
                    .get();

    private final int[] labels;
    private final int classCount;

    private CsvLabels(int[] labels) {
        this.labels = labels;
        this.classCount = Arrays.stream(labels).max().orElse(-1) + 1;
    }

    /**
     * Reads the labels of {@code imageCount} images from {@code file}.
     *
     * @param file the CSV file
     * @param idColumn the name of the id column in the header row
     * @param labelColumn the name of the label column in the header row
     * @param imageCount the number of images N; the ids must be exactly 0..N-1
     * @throws InvalidDataException when the file is missing, empty or not UTF-8, a column is
     *     missing, an id or label is not an integer, a label is negative, an id is repeated or
     *     outside 0..N-1, or the number of rows differs from N
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
            throw new InvalidDataException(file, "malformed CSV: " + e.getMessage(), e);
        }
    }

    /** The number of labelled images N. */
    public int size() {
        return labels.length;
    }

    /**
     * Returns the label of the image with id {@code id}.
     *
     * @throws IndexOutOfBoundsException when {@code id} is outside 0..size()-1
     */
    public int label(int id) {
        return labels[Objects.checkIndex(id, labels.length)];
    }

    /** The number of classes K, the largest label plus one. */
    public int classCount() {
        return classCount;
    }

    /** The class names "0".."K-1", indexed by label. */
    public List<String> classNames() {
        return new ClassNames(classCount);
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
        try {
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

    /** One pass over the data rows, checking each and filling the labels by id. */
    private static final class Rows {
        private final Path file;
        private final String text;
        private final String idColumn;
        private final String labelColumn;
        private final int[] labels;
        private final long[] positions;

        Rows(Path file, String text, String idColumn, String labelColumn, int imageCount) {
            this.file = file;
            this.text = text;
            this.idColumn = idColumn;
            this.labelColumn = labelColumn;
            this.labels = new int[imageCount];
            this.positions = new long[imageCount];
            Arrays.fill(positions, -1);
        }

        CsvLabels read(CSVParser parser) {
            int rows = 0;
            for (CSVRecord record : parser) {
                int id = integer(record, idColumn, "id");
                int label = integer(record, labelColumn, "label");
                if (label < 0 || label > MAX_LABEL) {
                    throw rowProblem(
                            record,
                            (label < 0 ? "negative label " : "label too large: ")
                                    + label
                                    + "; labels are class indices 0, 1, 2, ... up to "
                                    + MAX_LABEL);
                }
                if (id < 0 || id >= labels.length) {
                    throw rowProblem(
                            record,
                            "id "
                                    + id
                                    + " is outside 0.."
                                    + (labels.length - 1)
                                    + " (there are "
                                    + labels.length
                                    + " images); ids are the images' row indices in the array");
                }
                if (positions[id] >= 0) {
                    throw rowProblem(
                            record,
                            "duplicate id "
                                    + id
                                    + ", first on line "
                                    + lineOf(positions[id])
                                    + "; give each image one row");
                }
                positions[id] = record.getCharacterPosition();
                labels[id] = label;
                rows++;
            }
            if (rows != labels.length) {
                throw new InvalidDataException(file, countMismatch(rows));
            }
            return new CsvLabels(labels);
        }

        private int integer(CSVRecord record, String column, String what) {
            if (!record.isSet(column)) {
                throw rowProblem(record, "no " + what + " value (column '" + column + "')");
            }
            String value = record.get(column);
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw rowProblem(
                        record,
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
            for (int id = 0; id < positions.length && missing.size() < 10; id++) {
                if (positions[id] < 0) {
                    missing.add(id);
                }
            }
            return rows
                    + " label rows for "
                    + labels.length
                    + " images; missing ids"
                    + (labels.length - rows > missing.size() ? " (first 10)" : "")
                    + ": "
                    + missing
                    + "; give every image id 0.."
                    + (labels.length - 1)
                    + " exactly one row";
        }

        private InvalidDataException rowProblem(CSVRecord record, String problem) {
            return new InvalidDataException(
                    file, "line " + lineOf(record.getCharacterPosition()) + ": " + problem);
        }

        /**
         * The 1-based line of the record starting at {@code position}, past skipped blank lines.
         */
        private int lineOf(long position) {
            int end = (int) position;
            while (end < text.length() && (text.charAt(end) == '\r' || text.charAt(end) == '\n')) {
                end++;
            }
            int line = 1;
            for (int i = 0; i < end; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            return line;
        }
    }

    /** The names "0".."K-1", computed on access so that a large K costs no memory. */
    private static final class ClassNames extends AbstractList<String> implements RandomAccess {
        private final int size;

        ClassNames(int size) {
            this.size = size;
        }

        @Override
        public String get(int index) {
            return String.valueOf(Objects.checkIndex(index, size));
        }

        @Override
        public int size() {
            return size;
        }
    }
}
