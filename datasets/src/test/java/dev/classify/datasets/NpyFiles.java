package dev.classify.datasets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small {@code .npy} files the way {@code numpy.save} does, for tests. */
final class NpyFiles {
    private NpyFiles() {}

    /** The committed fixture: the first 64 Fashion-MNIST training images, uint8 (64, 28, 28). */
    static Path fashionMnistImages() {
        return resource("fashion-mnist-64/train.npy");
    }

    /** The committed fixture's labels, {@code id,label}, ids 0..63. */
    static Path fashionMnistLabels() {
        return resource("fashion-mnist-64/train.csv");
    }

    /** A file of the committed numpy-formats fixture, written by its make_fixtures.py. */
    static Path numpyFormat(String name) {
        return resource("numpy-formats/" + name);
    }

    /** Writes a version 1.0 file with a C-order array. */
    static Path write(Path file, String descr, String shape, byte[] data) {
        return write(file, 1, dictionary(descr, false, shape), data);
    }

    /** Writes a file of format version {@code major}.0 with the given header dictionary. */
    static Path write(Path file, int major, String dictionary, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header(major, dictionary));
        out.writeBytes(data);
        return writeBytes(file, out.toByteArray());
    }

    /** Reads a whole file. */
    static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes raw bytes, e.g. a deliberately broken file. */
    static Path writeBytes(Path file, byte[] bytes) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The header dictionary as NumPy writes it. */
    static String dictionary(String descr, boolean fortranOrder, String shape) {
        return "{'descr': '"
                + descr
                + "', 'fortran_order': "
                + (fortranOrder ? "True" : "False")
                + ", 'shape': "
                + shape
                + ", }";
    }

    /**
     * Magic, version, header length and the dictionary padded with spaces and a final newline so
     * that the data starts at a multiple of 64 bytes.
     */
    static byte[] header(int major, String dictionary) {
        int lengthBytes = major == 1 ? 2 : 4;
        int preamble = 8 + lengthBytes;
        StringBuilder text = new StringBuilder(dictionary);
        while ((preamble + text.length() + 1) % 64 != 0) {
            text.append(' ');
        }
        text.append('\n');
        byte[] encoded =
                text.toString()
                        .getBytes(
                                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        ByteBuffer buffer =
                ByteBuffer.allocate(preamble + encoded.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            buffer.putShort((short) encoded.length);
        } else {
            buffer.putInt(encoded.length);
        }
        return buffer.put(encoded).array();
    }

    /** float32 values in the given byte order. */
    static byte[] floats(ByteOrder order, float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(order);
        for (float value : values) {
            buffer.putFloat(value);
        }
        return buffer.array();
    }

    /** float64 values in the given byte order. */
    static byte[] doubles(ByteOrder order, double... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 8).order(order);
        for (double value : values) {
            buffer.putDouble(value);
        }
        return buffer.array();
    }

    /** The bytes 0, 1, 2, ... {@code count - 1} (mod 256). */
    static byte[] sequence(int count) {
        byte[] values = new byte[count];
        for (int i = 0; i < count; i++) {
            values[i] = (byte) i;
        }
        return values;
    }

    private static Path resource(String name) {
        try {
            return Path.of(NpyFiles.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
