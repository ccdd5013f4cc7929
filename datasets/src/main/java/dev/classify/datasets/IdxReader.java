package dev.classify.datasets;

import static java.util.Objects.requireNonNull;

import dev.classify.api.InvalidDataException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files as published for MNIST and Fashion-MNIST ({@code train-images-idx3-ubyte}, {@code
 * train-labels-idx1-ubyte}), plain or gzip-compressed ({@code .gz}, recognised by its magic 0x1f8b
 * rather than its name).
 *
 * <p>The format: two zero bytes, a type byte (0x08 for unsigned bytes, the only type read here), a
 * byte giving the number of dimensions, each dimension as a big-endian 32-bit integer, then the
 * values in C order. Images have magic 0x00000803 (N, rows, columns), labels 0x00000801 (N). Values
 * are returned as uint8 {@link NpyArray}s. Stateless and thread safe.
 */
final class IdxReader {
    /** The magic of an image file: unsigned bytes, three dimensions. */
    static final int IMAGES_MAGIC = 0x00000803;

    /** The magic of a label file: unsigned bytes, one dimension. */
    static final int LABELS_MAGIC = 0x00000801;

    private static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private IdxReader() {}

    /** Reads an image file: uint8 (N, rows, columns). */
    static NpyArray readImages(Path file) {
        return read(file, IMAGES_MAGIC, "images", "train-images-idx3-ubyte");
    }

    /** Reads a label file: uint8 (N,). */
    static NpyArray readLabels(Path file) {
        return read(file, LABELS_MAGIC, "labels", "train-labels-idx1-ubyte");
    }

    private static NpyArray read(Path file, int magic, String what, String example) {
        requireNonNull(file, "file is null");
        byte[] bytes = bytes(file);
        if (bytes.length < 4) {
            throw new InvalidDataException(
                    file,
                    "truncated header: the file has "
                            + bytes.length
                            + " bytes, an IDX file starts with a 4-byte magic number; download it"
                            + " again");
        }
        int actual = intAt(bytes, 0);
        if (actual != magic) {
            String hint =
                    actual == (magic == IMAGES_MAGIC ? LABELS_MAGIC : IMAGES_MAGIC)
                            ? "; this looks like the "
                                    + (magic == IMAGES_MAGIC ? "labels" : "images")
                                    + " file: are images and labels swapped?"
                            : "; use the unsigned-byte IDX files as published for MNIST";
            throw new InvalidDataException(
                    file,
                    String.format(
                            "not an IDX %s file: magic 0x%08x, expected 0x%08x (unsigned bytes,"
                                    + " %d dimension%s, as in %s)%s",
                            what,
                            actual,
                            magic,
                            magic & 0xFF,
                            (magic & 0xFF) == 1 ? "" : "s",
                            example,
                            hint));
        }
        int rank = magic & 0xFF;
        int offset = 4 + 4 * rank;
        if (bytes.length < offset) {
            throw new InvalidDataException(
                    file,
                    "truncated header: the file ends after "
                            + bytes.length
                            + " bytes, inside the dimensions; download it again");
        }
        List<Integer> shape = new ArrayList<>();
        long count = 1;
        for (int axis = 0; axis < rank; axis++) {
            int dimension = intAt(bytes, 4 + 4 * axis);
            if (dimension < 0) {
                throw new InvalidDataException(
                        file, "corrupt header: dimension " + dimension + "; download it again");
            }
            shape.add(dimension);
            count = Math.min(count * dimension, MAX_ELEMENTS + 1L);
        }
        long size = bytes.length - offset;
        if (size != count) {
            throw new InvalidDataException(
                    file,
                    (size < count ? "truncated data" : "unexpected bytes after the data")
                            + ": dimensions "
                            + NpyArray.formatShape(shape)
                            + " need "
                            + count
                            + " bytes after the header, the file has "
                            + size
                            + "; the file was cut short or damaged, download it again");
        }
        byte[] values = new byte[(int) count];
        System.arraycopy(bytes, offset, values, 0, values.length);
        return NpyArray.ofUint8("|u1", shape, values);
    }

    private static byte[] bytes(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            in.mark(2);
            boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
            in.reset();
            return gzip ? gunzip(file, in) : in.readAllBytes();
        } catch (NoSuchFileException e) {
            throw new InvalidDataException(file, "file not found", e);
        } catch (AccessDeniedException e) {
            throw new InvalidDataException(file, "permission denied; make the file readable", e);
        } catch (IOException e) {
            throw new InvalidDataException(file, "cannot read the file: " + e, e);
        }
    }

    private static byte[] gunzip(Path file, InputStream in) throws IOException {
        try (InputStream unzipped = new GZIPInputStream(in)) {
            return unzipped.readAllBytes();
        } catch (EOFException | ZipException e) {
            throw new InvalidDataException(
                    file,
                    "corrupt gzip data ("
                            + e.getMessage()
                            + "); the download was cut short or damaged, download it again",
                    e);
        }
    }

    private static int intAt(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xFF) << 24)
                | ((bytes[offset + 1] & 0xFF) << 16)
                | ((bytes[offset + 2] & 0xFF) << 8)
                | (bytes[offset + 3] & 0xFF);
    }
}
