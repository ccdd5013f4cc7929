package dev.classify.engine.preview;

import java.awt.image.BufferedImage;

/**
 * One CHW image of float pixels as an RGB picture, scaled by its own range to 0..255: three
 * channels as RGB, any other count as gray from the first channel, one constant value as mid-gray.
 */
final class CellImage {
    private CellImage() {}

    /** The CHW image at {@code offset} of {@code pixels}, {@code chw} giving its shape. */
    static BufferedImage of(float[] pixels, int offset, int[] chw) {
        int channels = chw[0];
        int height = chw[1];
        int width = chw[2];
        int plane = height * width;
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = offset; i < offset + channels * plane; i++) {
            min = Math.min(min, pixels[i]);
            max = Math.max(max, pixels[i]);
        }
        float range = max - min;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int at = offset + y * width + x;
                int red = level(pixels[at], min, range);
                int rgb;
                if (channels == 3) {
                    rgb =
                            red << 16
                                    | level(pixels[at + plane], min, range) << 8
                                    | level(pixels[at + 2 * plane], min, range);
                } else {
                    rgb = red << 16 | red << 8 | red;
                }
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    private static int level(float value, float min, float range) {
        if (!(range > 0)) {
            return 128;
        }
        return Math.max(0, Math.min(255, Math.round((value - min) / range * 255)));
    }
}
