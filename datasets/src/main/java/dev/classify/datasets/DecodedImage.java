package dev.classify.datasets;

import dev.classify.api.InvalidDataException;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * One image file decoded to 8-bit channel planes: 1 plane for a grayscale image, 3 (red, green,
 * blue) for a colour one, each of height x width bytes (CHW). Immutable after construction.
 *
 * <p>Decoding uses {@link ImageIO} (PNG, JPEG, BMP, GIF in every JDK). Gray values are read from
 * the raster, not through {@link BufferedImage#getRGB}, which would pass them through a gamma
 * conversion; 16-bit samples keep their high byte, 1-, 2- and 4-bit samples are stretched to
 * 0..255. A palette image whose colours are all gray counts as grayscale. Transparency is ignored:
 * the colour values are kept as stored.
 *
 * @param channels 1 (grayscale) or 3 (RGB)
 * @param height the height H in pixels
 * @param width the width W in pixels
 * @param pixels channels x height x width bytes, channel-major
 */
record DecodedImage(int channels, int height, int width, byte[] pixels) {

    /**
     * The memory decoding takes per pixel, at most: the decoder's raster (up to 4 bytes), the
     * 32-bit ARGB or sample array it is converted through, and the 8-bit planes kept (up to 3).
     */
    static final int DECODING_BYTES_PER_PIXEL = 12;

    /** One reader per extension and thread: readers are not thread safe, but reusable. */
    private static final ThreadLocal<Map<String, ImageReader>> READERS =
            ThreadLocal.withInitial(HashMap::new);

    /**
     * Decodes {@code file}.
     *
     * @throws IOException when the file cannot be read or its content is not a decodable image
     *     (with a message saying which)
     * @throws InvalidDataException when the image's header declares more pixels than the {@link
     *     MemoryBudget} allows to decode
     * @throws OutOfMemoryError when decoding runs out of memory (image readers wrap it into an
     *     {@link IOException}, which would read as a corrupt file)
     */
    static DecodedImage read(Path file) throws IOException {
        return decode(Files.readAllBytes(file), file);
    }

    /**
     * Decodes {@code bytes}, the content of {@code file}, as {@link #read} does; the file's name
     * picks the decoder to try first and is named in messages.
     */
    static DecodedImage decode(byte[] bytes, Path file) throws IOException {
        BufferedImage image;
        try {
            image = decodeBySuffix(bytes, file);
            if (image == null) {
                // The content may be of another format than the name says.
                image = decodeByContent(bytes, file);
            }
        } catch (InvalidDataException e) {
            throw e;
        } catch (RuntimeException e) {
            // Decoders throw unchecked exceptions on some corrupt inputs.
            throw new IOException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw outOfMemoryOr(e);
        }
        if (image == null) {
            throw new IOException(
                    "no decoder recognises its content as a PNG, JPEG, BMP or GIF image");
        }
        try {
            return of(image);
        } catch (RuntimeException e) {
            throw new IOException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The {@link OutOfMemoryError} that {@code e} wraps, thrown (the PNG reader turns every
     * throwable into "Caught exception during read"), else {@code e}.
     */
    private static IOException outOfMemoryOr(IOException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof OutOfMemoryError outOfMemory) {
                throw outOfMemory;
            }
        }
        return e;
    }

    /**
     * Decodes with this thread's reader for the file's extension, skipping {@link ImageIO}'s search
     * through every reader for each file (about half the time of a small PNG); returns {@code null}
     * when that reader does not recognise the content.
     */
    private static BufferedImage decodeBySuffix(byte[] bytes, Path file) throws IOException {
        String name = file.getFileName().toString();
        String suffix = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        ImageReader reader =
                READERS.get()
                        .computeIfAbsent(
                                suffix,
                                key -> {
                                    Iterator<ImageReader> readers =
                                            ImageIO.getImageReadersBySuffix(key);
                                    return readers.hasNext() ? readers.next() : null;
                                });
        if (reader == null) {
            return null;
        }
        try (ImageInputStream input =
                new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            if (!reader.getOriginatingProvider().canDecodeInput(input)) {
                return null;
            }
            return decode(reader, input, file);
        } finally {
            reader.reset();
        }
    }

    /** Decodes with the first reader that recognises the content, as {@link ImageIO#read} does. */
    private static BufferedImage decodeByContent(byte[] bytes, Path file) throws IOException {
        try (ImageInputStream input =
                new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                return decode(reader, input, file);
            } finally {
                reader.dispose();
            }
        }
    }

    /** Reads the first image once its header's size fits the {@link MemoryBudget}. */
    private static BufferedImage decode(ImageReader reader, ImageInputStream input, Path file)
            throws IOException {
        reader.setInput(input, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        MemoryBudget.check(
                file,
                "declares " + width + "x" + height + " pixels (width x height)",
                (long) width * height * DECODING_BYTES_PER_PIXEL);
        return reader.read(0);
    }

    /** Converts {@code image} into channel planes. */
    static DecodedImage of(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int pixels = width * height;
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        if (model.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            int bits = raster.getSampleModel().getSampleSize(0);
            int[] samples = raster.getSamples(0, 0, width, height, 0, (int[]) null);
            byte[] plane = new byte[pixels];
            int max = (1 << bits) - 1;
            for (int i = 0; i < pixels; i++) {
                int value = samples[i];
                plane[i] =
                        (byte)
                                (bits == 8
                                        ? value
                                        : bits > 8 ? value >>> (bits - 8) : value * 255 / max);
            }
            return new DecodedImage(1, height, width, plane);
        }
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        if (model instanceof IndexColorModel palette && isGray(palette)) {
            byte[] plane = new byte[pixels];
            for (int i = 0; i < pixels; i++) {
                plane[i] = (byte) argb[i];
            }
            return new DecodedImage(1, height, width, plane);
        }
        byte[] planes = new byte[3 * pixels];
        for (int i = 0; i < pixels; i++) {
            int value = argb[i];
            planes[i] = (byte) (value >>> 16);
            planes[pixels + i] = (byte) (value >>> 8);
            planes[2 * pixels + i] = (byte) value;
        }
        return new DecodedImage(3, height, width, planes);
    }

    private static boolean isGray(IndexColorModel palette) {
        for (int i = 0; i < palette.getMapSize(); i++) {
            int red = palette.getRed(i);
            if (red != palette.getGreen(i) || red != palette.getBlue(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes this image into {@code destination} at {@code offset} as {@code targetChannels} planes
     * of {@code targetHeight} x {@code targetWidth}: grayscale repeated into red, green and blue,
     * or colour reduced to gray with the ITU-R BT.601 weights (0.299 R + 0.587 G + 0.114 B, as
     * Pillow's {@code convert('L')}), then resized with {@link BilinearResize} when the size
     * differs.
     */
    void copyTo(
            byte[] destination, int offset, int targetChannels, int targetHeight, int targetWidth) {
        byte[] planes = convert(targetChannels);
        int source = height * width;
        int target = targetHeight * targetWidth;
        for (int c = 0; c < targetChannels; c++) {
            if (targetHeight == height && targetWidth == width) {
                System.arraycopy(planes, c * source, destination, offset + c * target, source);
            } else {
                BilinearResize.resize(
                        planes,
                        c * source,
                        height,
                        width,
                        destination,
                        offset + c * target,
                        targetHeight,
                        targetWidth);
            }
        }
    }

    private byte[] convert(int targetChannels) {
        if (targetChannels == channels) {
            return pixels;
        }
        int count = height * width;
        if (targetChannels == 3) {
            byte[] rgb = new byte[3 * count];
            for (int c = 0; c < 3; c++) {
                System.arraycopy(pixels, 0, rgb, c * count, count);
            }
            return rgb;
        }
        byte[] gray = new byte[count];
        for (int i = 0; i < count; i++) {
            int red = pixels[i] & 0xFF;
            int green = pixels[count + i] & 0xFF;
            int blue = pixels[2 * count + i] & 0xFF;
            // Pillow's integer form of the BT.601 weights, rounded.
            gray[i] = (byte) ((red * 19595 + green * 38470 + blue * 7471 + 0x8000) >>> 16);
        }
        return gray;
    }

    @Override
    public String toString() {
        return "DecodedImage[" + channels + "x" + height + "x" + width + "]";
    }
}
