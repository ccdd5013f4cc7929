package dev.classify.engine.embed;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;

/**
 * Turns a {@link BufferedImage} into the float32 C x H x W values in [0, 1] that the training
 * images had (channel-major, rows top to bottom).
 *
 * <ul>
 *   <li>Grayscale images (a gray colour space, with or without alpha; 8 or 16 bits) are read from
 *       their raster as stored, each sample divided by its largest value (255 or 65535), without
 *       Java's colour conversion (which would apply a gamma curve to linear gray).
 *   <li>Other images are read as 8-bit sRGB ({@link BufferedImage#getRGB}); each channel is divided
 *       by 255.
 *   <li>For a 1-channel model, colour is reduced to luma with the ITU-R BT.601 weights, rounded to
 *       8 bits: {@code round(0.299 R + 0.587 G + 0.114 B) / 255}, as DJL's {@code
 *       Image.Flag.GRAYSCALE} and Pillow's {@code convert("L")} do.
 *   <li>For a 3-channel model, gray is repeated into R, G and B.
 *   <li>Alpha is ignored.
 * </ul>
 */
final class ImagePixels {
    private ImagePixels() {}

    /**
     * Copies {@code image} into {@code destination} at {@code offset} as {@code channels} x H x W
     * values.
     *
     * @throws IllegalArgumentException when {@code channels} is neither 1 nor 3
     */
    static void copy(BufferedImage image, int channels, float[] destination, int offset) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException(
                    "the model takes "
                            + channels
                            + "-channel images, which have no BufferedImage form; classify"
                            + " float[] pixels instead");
        }
        int width = image.getWidth();
        int height = image.getHeight();
        int plane = width * height;
        ColorModel colors = image.getColorModel();
        if (colors.getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && colors.getNumColorComponents() == 1) {
            Raster raster = image.getRaster();
            float max = (float) ((1 << colors.getComponentSize(0)) - 1);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    float value = raster.getSample(x, y, 0) / max;
                    int at = offset + y * width + x;
                    for (int c = 0; c < channels; c++) {
                        destination[at + c * plane] = value;
                    }
                }
            }
            return;
        }
        int[] rgb = image.getRGB(0, 0, width, height, null, 0, width);
        for (int i = 0; i < plane; i++) {
            int red = (rgb[i] >> 16) & 0xFF;
            int green = (rgb[i] >> 8) & 0xFF;
            int blue = rgb[i] & 0xFF;
            if (channels == 1) {
                destination[offset + i] = luma(red, green, blue) / 255f;
            } else {
                destination[offset + i] = red / 255f;
                destination[offset + plane + i] = green / 255f;
                destination[offset + 2 * plane + i] = blue / 255f;
            }
        }
    }

    /**
     * ITU-R BT.601 luma of 8-bit sRGB values, rounded to 0..255, in Pillow's integer form: the same
     * arithmetic as the {@code folder} dataset plugin's, so that a colour image classified here and
     * predicted from a file by {@code classify predict} become the same gray values.
     */
    static int luma(int red, int green, int blue) {
        return (red * 19595 + green * 38470 + blue * 7471 + 0x8000) >>> 16;
    }
}
