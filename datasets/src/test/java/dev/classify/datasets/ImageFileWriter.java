package dev.classify.datasets;

import dev.classify.api.DataSource;
import dev.classify.api.ImageSet;
import dev.classify.api.Options;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;

/** Writes image files for tests, from the committed fashion-mnist-64 fixture or from pixels. */
final class ImageFileWriter {
    private ImageFileWriter() {}

    /** The committed 64 Fashion-MNIST images with their labels. */
    static ImageSet fashionMnist() {
        return new NpyDatasetProvider()
                .open(
                        new DataSource(
                                NpyFiles.fashionMnistImages(),
                                Optional.of(NpyFiles.fashionMnistLabels()),
                                new Options("data.train", Map.of())));
    }

    /** The 8-bit gray pixels of image {@code index} of a grayscale set, row-major. */
    static byte[] grayPixels(ImageSet set, int index) {
        float[] values = new float[set.height() * set.width()];
        set.copyPixels(index, values, 0);
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) Math.round(values[i] * 255);
        }
        return bytes;
    }

    /** An 8-bit grayscale image of the given pixels, row-major. */
    static BufferedImage gray(byte[] pixels, int height, int width) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, width, height, pixels);
        return image;
    }

    /** An RGB image whose pixel (y, x) is {@code rgb(y, x)} as 0xRRGGBB. */
    static BufferedImage rgb(int height, int width, java.util.function.IntBinaryOperator rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, rgb.applyAsInt(y, x));
            }
        }
        return image;
    }

    /** Writes {@code image} to {@code file} in the format of its extension. */
    static Path write(Path file, BufferedImage image) {
        String name = file.getFileName().toString();
        String format = name.substring(name.lastIndexOf('.') + 1);
        try {
            Files.createDirectories(file.getParent());
            if (!ImageIO.write(image, format, file.toFile())) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
