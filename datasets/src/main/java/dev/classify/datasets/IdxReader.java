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
 * are returned as uint8 {@link NpyArray}s; the dimensions are checked against the {@link
 * MemoryBudget} before the values are read (or inflated). Stateless and thread safe.
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
        try (InputStream in = open(file)) {
            return read(file, in, magic, what, example);
        } catch (NoSuchFileException e) {
            throw new InvalidDataException(file, "file not found", e);
        } catch (AccessDeniedException e) {
            throw new InvalidDataException(file, "permission denied; make the file readable", e);
        } catch (EOFException | ZipException e) {
            throw new InvalidDataException(
                    file,
                    "corrupt gzip data ("
                            + e.getMessage()
                            + "); the download was cut short or damaged, download it again",
                    e);
        } catch (IOException e) {
            throw new InvalidDataException(file, "cannot read the file: " + e, e);
        }
    }

    /**
     * Reads the header, checks the size it declares, and only then the values: a gzip file inflates
     * only as far as it is read.
     */
    private static NpyArray read(Path file, InputStream in, int magic, String what, String example)
            throws IOException {
        byte[] header = in.readNBytes(4);
        if (header.length < 4) {
            throw new InvalidDataException(
                    file,
                    "truncated header: the file has "
                            + header.length
                            + " bytes, an IDX file starts with a 4-byte magic number; download it"
                            + " again");
        }
        int actual = intAt(header, 0);
        if (actual != magic) {
            throw wrongMagic(file, actual, magic, what, example);
        }
        int rank = magic & 0xFF;
        byte[] dimensions = in.readNBytes(4 * rank);
        if (dimensions.length < 4 * rank) {
            throw new InvalidDataException(
                    file,
                    "truncated header: the file ends after "
                            + (4 + dimensions.length)
                            + " bytes, inside the dimensions; download it again");
        }
        List<Integer> shape = new ArrayList<>();
        long count = 1;
        for (int axis = 0; axis < rank; axis++) {
            int dimension = intAt(dimensions, 4 * axis);
            if (dimension < 0) {
                throw new InvalidDataException(
                        file, "corrupt header: dimension " + dimension + "; download it again");
            }
            shape.add(dimension);
            count = Math.min(count * dimension, MAX_ELEMENTS + 1L);
        }
        String shapeText = NpyArray.formatShape(shape);
        MemoryBudget.check(file, "declares dimensions " + shapeText, count);
        if (count > MAX_ELEMENTS) {
            throw new InvalidDataException(
                    file,
                    "dimensions "
                            + shapeText
                            + " hold more than the "
                            + MAX_ELEMENTS
                            + " values one file may hold; split the set into several files");
        }
        byte[] values = in.readNBytes((int) count);
        if (values.length < count) {
            throw new InvalidDataException(
                    file,
                    "truncated data: dimensions "
                            + shapeText
                            + " need "
                            + count
                            + " bytes after the header, the file has "
                            + values.length
                            + "; the file was cut short or damaged, download it again");
        }
        if (in.read() >= 0) {
            throw new InvalidDataException(
                    file,
                    "unexpected bytes after the data: dimensions "
                            + shapeText
                            + " need "
                            + count
                            + " bytes after the header, the file has more; the file was cut short"
                            + " or damaged, download it again");
        }
        return NpyArray.ofUint8("|u1", shape, values);
    }

    private static InvalidDataException wrongMagic(
            Path file, int actual, int magic, String what, String example) {
        String hint =
                actual == (magic == IMAGES_MAGIC ? LABELS_MAGIC : IMAGES_MAGIC)
                        ? "; this looks like the "
                                + (magic == IMAGES_MAGIC ? "labels" : "images")
                                + " file: are images and labels swapped?"
                        : "; use the unsigned-byte IDX files as published for MNIST";
        return new InvalidDataException(
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

    /** The file's bytes, inflated when it starts with the gzip magic. */
    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file));
        try {
            in.mark(2);
            boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
            in.reset();
            return gzip ? new GZIPInputStream(in) : in;
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }

    private static int intAt(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xFF) << 24)
                | ((bytes[offset + 1] & 0xFF) << 16)
                | ((bytes[offset + 2] & 0xFF) << 8)
                | (bytes[offset + 3] & 0xFF);
    }
}
