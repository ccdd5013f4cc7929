package dev.classify.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.classify.api.Augmenter;
import java.util.random.RandomGenerator;

/**
 * Crops a random region of each image of an NCHW batch and resizes it bilinearly to (height,
 * width): (N, C, H, W) becomes (N, C, height, width). The Inception crop of Szegedy et al. 2015,
 * "Going deeper with convolutions", as torchvision's {@code RandomResizedCrop} draws it: per image,
 * an area fraction uniform in {@code scale} and an aspect ratio (width / height) log-uniform in
 * {@code ratio}, side lengths rounded to whole pixels; up to 10 tries for a crop that fits, then a
 * central crop of the whole image clipped to the ratio range.
 *
 * <p>The resize is {@link Resize}'s: half-pixel centres, edges replicated inside the crop, no
 * antialiasing when shrinking. Every output pixel is a convex combination of input pixels, so the
 * value range is kept up to float rounding. The crop is never materialised: one bilinear gather
 * reads every image's own window of its four neighbours per pixel, with indices and weights
 * computed per row and per column.
 */
final class RandomResizedCrop implements Augmenter {
    private static final int TRIES = 10;

    private final ImageSize size;
    private final NumberRange scale;
    private final NumberRange logRatio;

    RandomResizedCrop(ImageSize size, NumberRange scale, NumberRange ratio) {
        this.size = size;
        this.scale = scale;
        this.logRatio = new NumberRange(Math.log(ratio.low()), Math.log(ratio.high()));
    }

    @Override
    public int[] outputShape(int[] chw) {
        return new int[] {chw[0], size.height(), size.width()};
    }

    @Override
    public NDArray apply(NDArray batch, RandomGenerator random) {
        Shape shape = batch.getShape();
        int count = Math.toIntExact(shape.get(0));
        int channels = Math.toIntExact(shape.get(1));
        int height = Math.toIntExact(shape.get(2));
        int width = Math.toIntExact(shape.get(3));
        int imageSize = Math.multiplyExact(Math.multiplyExact(channels, height), width);
        Math.multiplyExact(count, imageSize); // indices are int32
        int outHeight = size.height();
        int outWidth = size.width();
        // per neighbour (first, second) along each axis: source index and weight
        int[][] rowStart = new int[2][count * outHeight];
        float[][] rowWeight = new float[2][count * outHeight];
        int[][] column = new int[2][count * outWidth];
        float[][] columnWeight = new float[2][count * outWidth];
        for (int i = 0; i < count; i++) {
            int[] box = box(height, width, random);
            axis(box[0], box[2], outHeight, i * outHeight, rowStart, rowWeight);
            axis(box[1], box[3], outWidth, i * outWidth, column, columnWeight);
            for (int y = i * outHeight; y < (i + 1) * outHeight; y++) {
                rowStart[0][y] = rowStart[0][y] * width + i * imageSize;
                rowStart[1][y] = rowStart[1][y] * width + i * imageSize;
            }
        }
        NDManager manager = batch.getManager();
        try (NDManager scratch = manager.newSubManager()) {
            int[] channelStart = new int[channels];
            for (int c = 0; c < channels; c++) {
                channelStart[c] = c * height * width;
            }
            NDArray channelOffset = scratch.create(channelStart, new Shape(1, channels, 1, 1));
            Shape rows = new Shape(count, 1, outHeight, 1);
            Shape columns = new Shape(count, 1, 1, outWidth);
            NDArray result = null;
            for (int dy = 0; dy < 2; dy++) {
                NDArray rowIndex = scratch.create(rowStart[dy], rows).add(channelOffset);
                NDArray rowFactor = scratch.create(rowWeight[dy], rows);
                for (int dx = 0; dx < 2; dx++) {
                    NDArray index = rowIndex.add(scratch.create(column[dx], columns));
                    NDArray weight = rowFactor.mul(scratch.create(columnWeight[dx], columns));
                    NDArray gathered = batch.take(manager, index).muli(weight);
                    if (result == null) {
                        result = gathered;
                    } else {
                        result.addi(gathered);
                        gathered.close();
                    }
                }
            }
            return result;
        }
    }

    /** Returns {top, left, height, width} of one image's crop, as torchvision draws it. */
    int[] box(int height, int width, RandomGenerator random) {
        double area = (double) height * width;
        for (int attempt = 0; attempt < TRIES; attempt++) {
            double targetArea = area * scale.draw(random);
            double aspect = Math.exp(logRatio.draw(random));
            int w = (int) Math.round(Math.sqrt(targetArea * aspect));
            int h = (int) Math.round(Math.sqrt(targetArea / aspect));
            if (w > 0 && w <= width && h > 0 && h <= height) {
                int top = random.nextInt(height - h + 1);
                int left = random.nextInt(width - w + 1);
                return new int[] {top, left, h, w};
            }
        }
        double inputRatio = (double) width / height;
        double minRatio = Math.exp(logRatio.low());
        double maxRatio = Math.exp(logRatio.high());
        int w = width;
        int h = height;
        if (inputRatio < minRatio) {
            h = Math.max(1, (int) Math.round(w / minRatio));
        } else if (inputRatio > maxRatio) {
            w = Math.max(1, (int) Math.round(h * maxRatio));
        }
        return new int[] {(height - h) / 2, (width - w) / 2, h, w};
    }

    /**
     * Fills the two neighbours and weights of {@code out} output pixels spread over {@code length}
     * input pixels from {@code start}: half-pixel centres, positions clamped into the crop, which
     * replicates its edge (a neighbour past the edge gets weight 0 and repeats the edge index).
     */
    private static void axis(
            int start, int length, int out, int offset, int[][] index, float[][] weight) {
        double step = (double) length / out;
        for (int o = 0; o < out; o++) {
            double source = Math.min(Math.max((o + 0.5) * step - 0.5, 0), length - 1);
            int first = (int) Math.floor(source);
            float fraction = (float) (source - first);
            index[0][offset + o] = start + first;
            index[1][offset + o] = start + Math.min(first + 1, length - 1);
            weight[0][offset + o] = 1f - fraction;
            weight[1][offset + o] = fraction;
        }
    }
}
