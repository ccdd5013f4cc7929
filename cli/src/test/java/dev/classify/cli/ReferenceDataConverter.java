package dev.classify.cli;

import dev.classify.api.DataSource;
import dev.classify.api.ImageSet;
import dev.classify.api.Options;
import dev.classify.datasets.NpyDatasetProvider;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/**
 * Test fixture, not product code: converts the first images of a labelled grayscale {@code .npy}
 * set (such as {@code examples/fashion-mnist-small}) into every format the dataset plugins read,
 * written the way numpy, the MNIST distribution and image tools write them.
 */
final class ReferenceDataConverter {
    /** Fashion-MNIST's class names, indexed by label. */
    static final List<String> CLASS_NAMES =
            List.of(
                    "t-shirt",
                    "trouser",
                    "pullover",
                    "dress",
                    "coat",
                    "sandal",
                    "shirt",
                    "sneaker",
                    "bag",
                    "boot");

    private final int count;
    private final int height;
    private final int width;
    private final byte[] pixels;
    private final int[] labels;

    /** Reads the first {@code count} images of {@code images} with their {@code labels}. */
    ReferenceDataConverter(Path images, Path labels, int count) {
        ImageSet set =
                new NpyDatasetProvider()
                        .open(
                                new DataSource(
                                        images,
                                        Optional.of(labels),
                                        new Options("fixture", Map.of())));
        this.count = count;
        this.height = set.height();
        this.width = set.width();
        int size = height * width;
        this.pixels = new byte[count * size];
        this.labels = new int[count];
        float[] values = new float[size];
        for (int i = 0; i < count; i++) {
            set.copyPixels(i, values, 0);
            for (int p = 0; p < size; p++) {
                pixels[i * size + p] = (byte) Math.round(values[p] * 255);
            }
            this.labels[i] = set.label(i);
        }
    }

    int count() {
        return count;
    }

    int label(int index) {
        return labels[index];
    }

    private int pixel(int image, int y, int x) {
        return pixels[(image * height + y) * width + x] & 0xFF;
    }

    /** uint8 (N, H, W), as {@code np.save(file, x)}. */
    Path uint8(Path file) {
        return npy(file, "|u1", false, shape(count, height, width), pixels);
    }

    /** float32 in [0, 1], little-endian, as {@code np.save(file, x / 255.0).astype('<f4')}. */
    Path float32(Path file) {
        ByteBuffer buffer = ByteBuffer.allocate(pixels.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (byte value : pixels) {
            buffer.putFloat((value & 0xFF) / 255f);
        }
        return npy(file, "<f4", false, shape(count, height, width), buffer.array());
    }

    /** Big-endian int16 0..255, as {@code x.astype('>i2')}. */
    Path bigEndianInt16(Path file) {
        ByteBuffer buffer = ByteBuffer.allocate(pixels.length * 2).order(ByteOrder.BIG_ENDIAN);
        for (byte value : pixels) {
            buffer.putShort((short) (value & 0xFF));
        }
        return npy(file, ">i2", false, shape(count, height, width), buffer.array());
    }

    /** uint8 (N, H, W) in Fortran order, as {@code np.save(file, np.asfortranarray(x))}. */
    Path fortranOrder(Path file) {
        byte[] data = new byte[pixels.length];
        int index = 0;
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                for (int i = 0; i < count; i++) {
                    data[index++] = (byte) pixel(i, y, x);
                }
            }
        }
        return npy(file, "|u1", true, shape(count, height, width), data);
    }

    /** uint8 (N, 1, H, W), as {@code x[:, None]}. */
    Path nchw(Path file) {
        return npy(file, "|u1", false, "(" + count + ", 1, " + height + ", " + width + ")", pixels);
    }

    /** uint8 (N, H*W), as {@code x.reshape(len(x), -1)}. */
    Path flat(Path file) {
        return npy(file, "|u1", false, "(" + count + ", " + height * width + ")", pixels);
    }

    /** int64 label vector (N,), as {@code np.save(file, y)}. */
    Path labelVector(Path file) {
        return npy(file, "<i8", false, "(" + count + ",)", labelBytes());
    }

    /**
     * An archive with images {@code x} and labels {@code y}, as {@code np.savez(file, x=x, y=y)}.
     */
    Path npz(Path file) {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            entry(zip, "x.npy", npyBytes("|u1", false, shape(count, height, width), pixels));
            entry(zip, "y.npy", npyBytes("<i8", false, "(" + count + ",)", labelBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** {@code id,label} with integer labels. */
    Path csvIndices(Path file) {
        StringBuilder text = new StringBuilder("id,label\n");
        for (int i = 0; i < count; i++) {
            text.append(i).append(',').append(labels[i]).append('\n');
        }
        return write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** {@code label,id} with class names, UTF-8 with a byte order mark and CRLF, as Excel saves. */
    Path csvClassNames(Path file) {
        StringBuilder text = new StringBuilder("\uFEFFlabel,id\r\n");
        for (int i = 0; i < count; i++) {
            text.append(CLASS_NAMES.get(labels[i])).append(',').append(i).append("\r\n");
        }
        return write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** MNIST's {@code idx3-ubyte} images, gzip-compressed. */
    Path idxImagesGzip(Path file) {
        ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN);
        header.putInt(0x803).putInt(count).putInt(height).putInt(width);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(header.array());
            out.write(pixels);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** MNIST's {@code idx1-ubyte} labels, plain. */
    Path idxLabels(Path file) {
        ByteBuffer buffer = ByteBuffer.allocate(8 + count).order(ByteOrder.BIG_ENDIAN);
        buffer.putInt(0x801).putInt(count);
        for (int label : labels) {
            buffer.put((byte) label);
        }
        return write(file, buffer.array());
    }

    /** One folder per class name with the images {@code <index>.png} as 8-bit gray PNG. */
    Path classFolders(Path root) {
        for (int i = 0; i < count; i++) {
            png(root.resolve(CLASS_NAMES.get(labels[i])).resolve(i + ".png"), i);
        }
        return root;
    }

    /** The images {@code from..to-1} as {@code <index>.png} in one flat folder. */
    Path flatFolder(Path root, int from, int to) {
        for (int i = from; i < to; i++) {
            png(root.resolve(i + ".png"), i);
        }
        return root;
    }

    /** Image {@code index} as an 8-bit gray PNG. */
    Path png(Path file, int index) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] data = new byte[height * width];
        System.arraycopy(pixels, index * data.length, data, 0, data.length);
        image.getRaster().setDataElements(0, 0, width, height, data);
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private byte[] labelBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(count * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int label : labels) {
            buffer.putLong(label);
        }
        return buffer.array();
    }

    private static String shape(int count, int height, int width) {
        return "(" + count + ", " + height + ", " + width + ")";
    }

    private static Path npy(Path file, String descr, boolean fortran, String shape, byte[] data) {
        return write(file, npyBytes(descr, fortran, shape, data));
    }

    /** A format 1.0 {@code .npy}: magic, version, header padded to a multiple of 64, data. */
    private static byte[] npyBytes(String descr, boolean fortran, String shape, byte[] data) {
        StringBuilder header =
                new StringBuilder(
                        "{'descr': '"
                                + descr
                                + "', 'fortran_order': "
                                + (fortran ? "True" : "False")
                                + ", 'shape': "
                                + shape
                                + ", }");
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.write(header.length() & 0xFF);
        out.write(header.length() >> 8);
        out.writeBytes(header.toString().getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data);
        return out.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }

    private static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
