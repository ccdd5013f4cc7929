package dev.classify.datasets;

import static java.util.Objects.requireNonNull;

import dev.classify.api.InvalidDataException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
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
 * <p>Supported dtypes: {@code |u1} (uint8, kept as bytes) and {@code <f4}, {@code >f4}, {@code
 * <f8}, {@code >f8} (float32 and float64 of either byte order, kept as float32). Arrays must be in
 * C order and hold fewer than 2^31 values. Object arrays are rejected, never unpickled. The file is
 * read with one bulk channel read into the final array, so a 23 MB uint8 file takes a few
 * milliseconds. Stateless and thread safe.
 */
public final class NpyReader {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_HEADER_LENGTH = 1 << 20;
    private static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    private static final int FLOAT_CHUNK_BYTES = 1 << 20;
    private static final String SUPPORTED =
            "supported: |u1 (uint8), <f4 (float32), <f8 (float64); convert with"
                    + " arr.astype('uint8') or arr.astype('float32')";

    private NpyReader() {}

    /**
     * Reads the whole array in {@code file}.
     *
     * @param file a {@code .npy} file
     * @return the array's dtype, shape and values
     * @throws InvalidDataException when the file is missing, unreadable, truncated, corrupt, in
     *     Fortran order, or of an unsupported dtype; the message names the file and the fix
     */
    public static NpyArray read(Path file) {
        requireNonNull(file, "file is null");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(file, channel);
        } catch (NoSuchFileException e) {
            throw new InvalidDataException(file, "file not found", e);
        } catch (AccessDeniedException e) {
            throw new InvalidDataException(file, "permission denied; make the file readable", e);
        } catch (IOException e) {
            throw new InvalidDataException(file, "cannot read the file: " + e, e);
        }
    }

    private static NpyArray read(Path file, FileChannel channel) throws IOException {
        long fileSize = channel.size();
        ByteBuffer preamble = readFully(channel, (int) Math.min(fileSize, 12));
        if (!startsWithMagic(preamble)) {
            throw new InvalidDataException(
                    file,
                    "not a NumPy .npy file: it does not start with \\x93NUMPY; save the array with"
                            + " numpy.save (np.savez writes .npz, a zip of .npy files)");
        }
        if (preamble.limit() < 8) {
            throw truncatedHeader(file, fileSize);
        }
        int major = Byte.toUnsignedInt(preamble.get(6));
        int minor = Byte.toUnsignedInt(preamble.get(7));
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
        if (preamble.limit() < 8 + lengthBytes) {
            throw truncatedHeader(file, fileSize);
        }
        long headerLength =
                major == 1
                        ? Short.toUnsignedInt(preamble.getShort(8))
                        : Integer.toUnsignedLong(preamble.getInt(8));
        long dataOffset = 8 + lengthBytes + headerLength;
        if (headerLength > MAX_HEADER_LENGTH) {
            throw new InvalidDataException(
                    file,
                    "corrupt .npy header: it claims to be "
                            + headerLength
                            + " bytes long; write the file again with numpy.save");
        }
        if (dataOffset > fileSize) {
            throw truncatedHeader(file, fileSize);
        }
        channel.position(8 + lengthBytes);
        // Version 3.0 differs from 2.0 only in allowing UTF-8 in the header (field names).
        Charset charset = major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        String text = charset.decode(readFully(channel, (int) headerLength)).toString();
        NpyHeader header = NpyHeader.parse(file, text);
        return readData(file, channel, header, fileSize - dataOffset);
    }

    private static NpyArray readData(Path file, FileChannel channel, NpyHeader header, long size)
            throws IOException {
        String descr = header.descr();
        if (descr.contains("O")) {
            throw new InvalidDataException(
                    file,
                    "object arrays (dtype "
                            + descr
                            + ") are not supported and are never unpickled; save a numeric array,"
                            + " e.g. np.save(path, np.stack(images).astype('uint8'))");
        }
        int itemSize = itemSize(file, descr);
        if (header.fortranOrder()) {
            throw new InvalidDataException(
                    file,
                    "fortran_order True is not supported yet; save with np.ascontiguousarray,"
                            + " e.g. np.save(path, np.ascontiguousarray(arr))");
        }
        List<Integer> shape = checkedShape(file, header.shape());
        long count = 1;
        for (int dimension : shape) {
            count *= dimension;
        }
        long expected = count * itemSize;
        String shapeText = NpyArray.formatShape(shape);
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
        if (itemSize == 1) {
            byte[] values = new byte[(int) count];
            readFully(channel, ByteBuffer.wrap(values));
            return NpyArray.ofUint8(descr, shape, values);
        }
        return NpyArray.ofFloat(descr, shape, readFloats(channel, descr, (int) count));
    }

    private static int itemSize(Path file, String descr) {
        return switch (descr) {
            case "|u1", "<u1", ">u1", "=u1", "u1" -> 1;
            case "<f4", ">f4" -> 4;
            case "<f8", ">f8" -> 8;
            default ->
                    throw new InvalidDataException(
                            file, "unsupported dtype '" + descr + "'; " + SUPPORTED);
        };
    }

    private static List<Integer> checkedShape(Path file, List<Long> shape) {
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

    private static float[] readFloats(FileChannel channel, String descr, int count)
            throws IOException {
        ByteOrder order = descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        boolean doubles = descr.endsWith("8");
        int itemSize = doubles ? 8 : 4;
        float[] values = new float[count];
        ByteBuffer chunk = ByteBuffer.allocateDirect(FLOAT_CHUNK_BYTES).order(order);
        int done = 0;
        while (done < count) {
            int items = Math.min(count - done, FLOAT_CHUNK_BYTES / itemSize);
            chunk.clear().limit(items * itemSize);
            readFully(channel, chunk);
            chunk.flip();
            if (doubles) {
                for (int i = 0; i < items; i++) {
                    values[done + i] = (float) chunk.getDouble();
                }
            } else {
                chunk.asFloatBuffer().get(values, done, items);
            }
            done += items;
        }
        return values;
    }

    private static boolean startsWithMagic(ByteBuffer preamble) {
        if (preamble.limit() < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (preamble.get(i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static InvalidDataException truncatedHeader(Path file, long fileSize) {
        return new InvalidDataException(
                file,
                "truncated header: the file ends after "
                        + fileSize
                        + " bytes, inside the .npy header; the file was cut short, copy or save it"
                        + " again");
    }

    private static ByteBuffer readFully(FileChannel channel, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, buffer);
        return buffer.flip();
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }
}
