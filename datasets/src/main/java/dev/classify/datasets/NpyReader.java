package dev.classify.datasets;

import static java.util.Objects.requireNonNull;

import dev.classify.api.InvalidDataException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0) in plain Java, without a native
 * engine.
 *
 * <p>Supported dtypes ({@link NpyDtype}): uint8 (kept as bytes), uint16, int8, int16, int32, int64,
 * float16, float32 and float64 of either byte order (held as float32). Fortran-order arrays are
 * transposed to C order on read. Arrays must hold fewer than 2^31 values and fit the {@link
 * MemoryBudget}, checked from the header before the values are read. Object arrays are rejected,
 * never unpickled. uint8 data is read with one bulk channel read into the final array, so a 23 MB
 * file takes a few milliseconds. Stateless and thread safe.
 */
public final class NpyReader {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_HEADER_LENGTH = 1 << 20;
    private static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    private static final int CHUNK_BYTES = 1 << 20;

    private NpyReader() {}

    /**
     * Reads the whole array in {@code file}.
     *
     * @param file a {@code .npy} file
     * @return the array's dtype, shape and values in C order
     * @throws InvalidDataException when the file is missing, unreadable, truncated, corrupt, or of
     *     an unsupported dtype; the message names the file and the fix
     */
    public static NpyArray read(Path file) {
        requireNonNull(file, "file is null");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(file, channel, channel.size());
        } catch (NoSuchFileException e) {
            throw new InvalidDataException(file, "file not found", e);
        } catch (AccessDeniedException e) {
            throw new InvalidDataException(file, "permission denied; make the file readable", e);
        } catch (IOException e) {
            throw new InvalidDataException(file, "cannot read the file: " + e, e);
        }
    }

    /** Whether {@code prefix} starts with the {@code .npy} magic string. */
    static boolean hasMagic(byte[] prefix) {
        if (prefix.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (prefix[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads an array of {@code size} bytes from {@code channel}, positioned at its start.
     *
     * @param file the name used in messages (for an archive entry, {@code archive.npz!/entry.npy})
     */
    static NpyArray read(Path file, ReadableByteChannel channel, long size) throws IOException {
        Preamble preamble = preamble(file, channel, size);
        return readData(file, channel, preamble.header(), size - preamble.dataOffset());
    }

    /**
     * A file's header and where its data starts.
     *
     * @param header the header's dictionary
     * @param dataOffset the bytes before the first value: magic, version, length and header
     */
    record Preamble(NpyHeader header, long dataOffset) {}

    /**
     * Reads the magic string, the version and the header of a file of {@code size} bytes from
     * {@code channel}, positioned at its start; leaves it at the first value.
     */
    static Preamble preamble(Path file, ReadableByteChannel channel, long size) throws IOException {
        ByteBuffer preamble = readUpTo(channel, (int) Math.min(size, 8));
        byte[] prefix = new byte[preamble.remaining()];
        preamble.get(0, prefix);
        if (!hasMagic(prefix)) {
            throw new InvalidDataException(
                    file,
                    "not a NumPy .npy file: it does not start with \\x93NUMPY; save the array with"
                            + " numpy.save (np.savez writes .npz, a zip of .npy files)");
        }
        if (prefix.length < 8) {
            throw truncatedHeader(file, size);
        }
        int major = Byte.toUnsignedInt(prefix[6]);
        int minor = Byte.toUnsignedInt(prefix[7]);
        if (major < 1 || major > 3) {
            throw new InvalidDataException(
                    file,
                    "unsupported .npy format version "
                            + major
                            + "."
                            + minor
                            + "; supported: 1.0, 2.0, 3.0; write the file again with numpy.save");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        ByteBuffer length = readUpTo(channel, lengthBytes);
        if (length.remaining() < lengthBytes) {
            throw truncatedHeader(file, size);
        }
        long headerLength =
                major == 1
                        ? Short.toUnsignedInt(length.getShort(0))
                        : Integer.toUnsignedLong(length.getInt(0));
        long dataOffset = 8 + lengthBytes + headerLength;
        if (headerLength > MAX_HEADER_LENGTH) {
            throw new InvalidDataException(
                    file,
                    "corrupt .npy header: it claims to be "
                            + headerLength
                            + " bytes long; write the file again with numpy.save");
        }
        if (dataOffset > size) {
            throw truncatedHeader(file, size);
        }
        // Version 3.0 differs from 2.0 only in allowing UTF-8 in the header (field names).
        Charset charset = major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        String text = charset.decode(readUpTo(channel, (int) headerLength)).toString();
        return new Preamble(NpyHeader.parse(file, text), dataOffset);
    }

    /**
     * Reads {@code shape}'s values of {@code dtype} in C order from {@code channel}.
     *
     * @throws IOException when the channel ends early
     */
    static NpyArray readValues(
            ReadableByteChannel channel, String descr, NpyDtype dtype, List<Integer> shape)
            throws IOException {
        int count = 1;
        for (int dimension : shape) {
            count = Math.multiplyExact(count, dimension);
        }
        if (dtype == NpyDtype.UINT8) {
            byte[] values = new byte[count];
            readFully(channel, ByteBuffer.wrap(values));
            return NpyArray.ofUint8(descr, shape, values);
        }
        return NpyArray.ofFloat(
                descr, dtype, shape, readFloats(channel, dtype, NpyDtype.order(descr), count));
    }

    private static NpyArray readData(
            Path file, ReadableByteChannel channel, NpyHeader header, long size)
            throws IOException {
        String descr = header.descr();
        NpyDtype dtype = dtype(file, descr);
        List<Integer> shape = checkedShape(file, header.shape());
        long count = 1;
        for (int dimension : shape) {
            count *= dimension;
        }
        String shapeText = NpyArray.formatShape(shape);
        // Before anything is read: an archive entry inflates only as far as it is read.
        MemoryBudget.check(
                file,
                "declares shape " + shapeText + " of " + descr,
                count * (dtype == NpyDtype.UINT8 ? 1 : Float.BYTES));
        long expected = count * dtype.itemSize();
        if (size < expected) {
            throw new InvalidDataException(
                    file,
                    "truncated data: shape "
                            + shapeText
                            + " of "
                            + descr
                            + " needs "
                            + expected
                            + " bytes after the header, the file has "
                            + size
                            + "; the file was cut short, copy or save it again");
        }
        if (size > expected) {
            throw new InvalidDataException(
                    file,
                    (size - expected)
                            + " unexpected bytes after the data of shape "
                            + shapeText
                            + " ("
                            + expected
                            + " bytes); the header does not match the data, save the file"
                            + " again with numpy.save");
        }
        NpyArray values = readValues(channel, descr, dtype, shape);
        if (!header.fortranOrder()) {
            return values;
        }
        return values.isUint8()
                ? NpyArray.ofUint8(descr, shape, FortranOrder.toC(values.uint8Values(), shape))
                : NpyArray.ofFloat(
                        descr, dtype, shape, FortranOrder.toC(values.floatValues(), shape));
    }

    /** The dtype of {@code descr}, refusing object arrays (which would need unpickling). */
    static NpyDtype dtype(Path file, String descr) {
        if (descr.contains("O")) {
            throw new InvalidDataException(
                    file,
                    "object arrays (dtype "
                            + descr
                            + ") are not supported and are never unpickled; save a numeric array,"
                            + " e.g. np.save(path, np.stack(images).astype('uint8'))");
        }
        return NpyDtype.parse(file, descr);
    }

    static List<Integer> checkedShape(Path file, List<Long> shape) {
        List<Integer> dimensions = new ArrayList<>(shape.size());
        long count = 1;
        for (long dimension : shape) {
            if (dimension > MAX_ELEMENTS) {
                throw tooLarge(file, shape);
            }
            // Both factors are below 2^31, so the product cannot overflow a long.
            count = Math.min(count * dimension, MAX_ELEMENTS + 1L);
            dimensions.add((int) dimension);
        }
        if (count > MAX_ELEMENTS) {
            throw tooLarge(file, shape);
        }
        return dimensions;
    }

    private static InvalidDataException tooLarge(Path file, List<Long> shape) {
        return new InvalidDataException(
                file,
                "array of shape "
                        + NpyArray.formatShape(shape)
                        + " is too large: at most "
                        + MAX_ELEMENTS
                        + " values per file are supported; split it into several files");
    }

    private static float[] readFloats(
            ReadableByteChannel channel, NpyDtype dtype, ByteOrder order, int count)
            throws IOException {
        int itemSize = dtype.itemSize();
        float[] values = new float[count];
        ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK_BYTES).order(order);
        int done = 0;
        while (done < count) {
            int items = Math.min(count - done, CHUNK_BYTES / itemSize);
            chunk.clear().limit(items * itemSize);
            readFully(channel, chunk);
            chunk.flip();
            if (dtype == NpyDtype.FLOAT32) {
                chunk.asFloatBuffer().get(values, done, items);
            } else {
                for (int i = 0; i < items; i++) {
                    values[done + i] = dtype.next(chunk);
                }
            }
            done += items;
        }
        return values;
    }

    private static InvalidDataException truncatedHeader(Path file, long fileSize) {
        return new InvalidDataException(
                file,
                "truncated header: the file ends after "
                        + fileSize
                        + " bytes, inside the .npy header; the file was cut short, copy or save it"
                        + " again");
    }

    /** Reads {@code length} bytes, or fewer at the end of the stream; flipped, little-endian. */
    private static ByteBuffer readUpTo(ReadableByteChannel channel, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            // keep reading: a channel over a stream may return fewer bytes than asked
        }
        return buffer.flip();
    }

    private static void readFully(ReadableByteChannel channel, ByteBuffer buffer)
            throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }
}
