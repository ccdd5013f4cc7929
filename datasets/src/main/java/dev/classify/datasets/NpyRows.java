package dev.classify.datasets;

import static java.util.Objects.requireNonNull;

import dev.classify.api.InvalidDataException;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The layout of a {@code .npy} file's rows (its first axis, the images), from its header alone, so
 * that a range of rows can be read without the rest: row {@code i} starts {@link #dataOffset()} + i
 * x {@link #rowBytes()} bytes into the file. For readers that split one large file between several
 * tasks, each reading only its rows from any stream it can seek.
 *
 * <p>Only C-order files have contiguous rows: a Fortran-order file is refused. Immutable and thread
 * safe.
 */
public final class NpyRows {
    private final Path file;
    private final String descr;
    private final NpyDtype dtype;
    private final List<Integer> shape;
    private final long dataOffset;

    private NpyRows(Path file, String descr, NpyDtype dtype, List<Integer> shape, long dataOffset) {
        this.file = file;
        this.descr = descr;
        this.dtype = dtype;
        this.shape = List.copyOf(shape);
        this.dataOffset = dataOffset;
    }

    /**
     * Reads the header of {@code file} from {@code channel}, positioned at the file's start.
     *
     * @param file the file's name in messages (any path, e.g. an HDFS file's)
     * @param size the file's size in bytes
     * @throws InvalidDataException when the header is missing, truncated or corrupt, the dtype is
     *     not supported, the array has no first axis, or the file is in Fortran order
     * @throws IOException when the channel cannot be read
     */
    public static NpyRows readHeader(Path file, ReadableByteChannel channel, long size)
            throws IOException {
        requireNonNull(file, "file is null");
        requireNonNull(channel, "channel is null");
        NpyReader.Preamble preamble = NpyReader.preamble(file, channel, size);
        NpyHeader header = preamble.header();
        NpyDtype dtype = NpyReader.dtype(file, header.descr());
        List<Integer> shape = NpyReader.checkedShape(file, header.shape());
        if (shape.isEmpty()) {
            throw new InvalidDataException(
                    file, "holds a single value, not an array of images; save the images");
        }
        if (header.fortranOrder() && shape.size() > 1) {
            throw new InvalidDataException(
                    file,
                    "is in Fortran order, where an image's pixels are not stored together; save it"
                            + " in C order: np.save(path, np.ascontiguousarray(images))");
        }
        return new NpyRows(file, header.descr(), dtype, shape, preamble.dataOffset());
    }

    /** The dtype as written in the header, e.g. {@code |u1}. */
    public String descr() {
        return descr;
    }

    /** The array's shape as the header declares it, rows first, e.g. {@code [10000, 28, 28]}. */
    public List<Integer> shape() {
        return shape;
    }

    /** The rows the header declares (the first dimension). */
    public int rows() {
        return shape.get(0);
    }

    /** The bytes before the first value: magic string, version, header length and header. */
    public long dataOffset() {
        return dataOffset;
    }

    /** The bytes of one row: the product of the other dimensions times the dtype's size. */
    public long rowBytes() {
        return rowValues() * dtype.itemSize();
    }

    /**
     * The rows a file of {@code fileSize} bytes holds completely: {@link #rows()}, or fewer when
     * the file was cut short.
     */
    public int completeRows(long fileSize) {
        long rowBytes = rowBytes();
        if (rowBytes == 0) {
            return rows();
        }
        return (int) Math.min(rows(), Math.max(0, fileSize - dataOffset) / rowBytes);
    }

    /** Where row {@code row} starts, in bytes from the file's start. */
    public long offsetOf(long row) {
        return dataOffset + row * rowBytes();
    }

    /**
     * Reads {@code count} rows from {@code channel}, positioned at the first of them ({@link
     * #offsetOf}), as an array of shape (count, the other dimensions): {@link NpyImageSet#of(Path,
     * NpyArray)} takes it as it takes the whole file.
     *
     * @throws InvalidDataException when the rows would exceed the {@link MemoryBudget}, or the
     *     channel ends before them (naming the file)
     * @throws IOException when the channel cannot be read
     */
    public NpyArray readRows(ReadableByteChannel channel, int count) throws IOException {
        requireNonNull(channel, "channel is null");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, got " + count);
        }
        List<Integer> rowsShape = new ArrayList<>(shape);
        rowsShape.set(0, count);
        MemoryBudget.check(
                file,
                count + " rows of shape " + NpyArray.formatShape(rowsShape),
                count * rowValues() * (dtype == NpyDtype.UINT8 ? 1 : Float.BYTES));
        try {
            return NpyReader.readValues(channel, descr, dtype, rowsShape);
        } catch (IOException e) {
            if ("unexpected end of file".equals(e.getMessage())) {
                throw new InvalidDataException(
                        file,
                        "ends inside the "
                                + count
                                + " rows asked for; the file was cut short, copy or save it again",
                        e);
            }
            throw e;
        }
    }

    private long rowValues() {
        long values = 1;
        for (int i = 1; i < shape.size(); i++) {
            values *= shape.get(i);
        }
        return values;
    }

    @Override
    public String toString() {
        return "NpyRows[" + file + " " + descr + " " + NpyArray.formatShape(shape) + "]";
    }
}
