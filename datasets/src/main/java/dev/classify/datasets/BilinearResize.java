package dev.classify.datasets;

/**
 * Bilinear resizing of one 8-bit plane with half-pixel centres (OpenCV's {@code INTER_LINEAR},
 * PyTorch's {@code interpolate(mode='bilinear', align_corners=False)} without antialiasing): target
 * pixel (y, x) samples the source at ((y + 0.5) * H / h - 0.5, (x + 0.5) * W / w - 0.5), clamped to
 * the edge, and rounds to the nearest integer. Stateless.
 */
final class BilinearResize {
    private BilinearResize() {}

    /**
     * Resizes the {@code height} x {@code width} plane at {@code source[sourceOffset]} into the
     * {@code targetHeight} x {@code targetWidth} plane at {@code target[targetOffset]}.
     */
    static void resize(
            byte[] source,
            int sourceOffset,
            int height,
            int width,
            byte[] target,
            int targetOffset,
            int targetHeight,
            int targetWidth) {
        int[] x0 = new int[targetWidth];
        int[] x1 = new int[targetWidth];
        float[] fx = new float[targetWidth];
        axis(width, targetWidth, x0, x1, fx);
        int[] y0 = new int[targetHeight];
        int[] y1 = new int[targetHeight];
        float[] fy = new float[targetHeight];
        axis(height, targetHeight, y0, y1, fy);
        for (int y = 0; y < targetHeight; y++) {
            int top = sourceOffset + y0[y] * width;
            int bottom = sourceOffset + y1[y] * width;
            float wy = fy[y];
            int row = targetOffset + y * targetWidth;
            for (int x = 0; x < targetWidth; x++) {
                float upper =
                        (source[top + x0[x]] & 0xFF) * (1 - fx[x])
                                + (source[top + x1[x]] & 0xFF) * fx[x];
                float lower =
                        (source[bottom + x0[x]] & 0xFF) * (1 - fx[x])
                                + (source[bottom + x1[x]] & 0xFF) * fx[x];
                target[row + x] = (byte) Math.round(upper * (1 - wy) + lower * wy);
            }
        }
    }

    /** For each target coordinate: the two source coordinates and the weight of the second. */
    private static void axis(int size, int targetSize, int[] first, int[] second, float[] weight) {
        double scale = (double) size / targetSize;
        for (int i = 0; i < targetSize; i++) {
            double position = Math.max(0, (i + 0.5) * scale - 0.5);
            int lower = Math.min((int) position, size - 1);
            first[i] = lower;
            second[i] = Math.min(lower + 1, size - 1);
            weight[i] = (float) (position - lower);
        }
    }
}
