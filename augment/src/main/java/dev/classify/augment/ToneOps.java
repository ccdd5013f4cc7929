package dev.classify.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The ops of {@link AugmentOp} that remap pixel values: posterize, solarize, autocontrast and
 * equalize, as torchvision computes them on 8-bit images; a pixel in [0, 1] is taken as the 8-bit
 * value round(255 x) where that matters (posterize, equalize). Stateless.
 */
final class ToneOps {
    private static final int LEVELS = 256;

    private ToneOps() {}

    /** Applies {@code op} (a tone op) with one magnitude per image; see {@link AugmentOp}. */
    static NDArray apply(AugmentOp op, NDArray batch, float[] magnitudes) {
        if (op == AugmentOp.EQUALIZE) {
            return equalize(batch);
        }
        int count = magnitudes.length;
        NDManager manager = batch.getManager();
        try (NDManager scratch = manager.newSubManager()) {
            NDArray x = batch.duplicate();
            x.attach(scratch);
            Shape perImage = new Shape(count, 1, 1, 1);
            NDArray result =
                    switch (op) {
                        case POSTERIZE -> posterize(x, scratch.create(steps(magnitudes), perImage));
                        case SOLARIZE ->
                                solarize(x, scratch.create(thresholds(magnitudes), perImage));
                        case AUTO_CONTRAST -> autoContrast(x);
                        default -> throw new IllegalArgumentException(op + " is no tone op");
                    };
            result.attach(manager);
            return result;
        }
    }

    /** The 8-bit step 2^(8 - bits) of each image. */
    private static float[] steps(float[] bits) {
        float[] steps = new float[bits.length];
        for (int i = 0; i < bits.length; i++) {
            int kept = Math.max(0, Math.min(8, (int) bits[i]));
            steps[i] = 1 << (8 - kept);
        }
        return steps;
    }

    /** floor(round(255 x) / step) step / 255: the 8-bit value with its low bits cleared. */
    private static NDArray posterize(NDArray x, NDArray step) {
        return x.mul(255f).add(0.5f).floor().div(step).floor().mul(step).div(255f).clip(0, 1);
    }

    private static float[] thresholds(float[] magnitudes) {
        float[] thresholds = new float[magnitudes.length];
        for (int i = 0; i < magnitudes.length; i++) {
            thresholds[i] = magnitudes[i] / 255f;
        }
        return thresholds;
    }

    /** 1 - x where x >= threshold, else x. */
    private static NDArray solarize(NDArray x, NDArray threshold) {
        NDArray above = x.gte(threshold).toType(DataType.FLOAT32, false);
        return x.add(above.mul(x.mul(-2f).add(1f)));
    }

    /** (x - min) / (max - min) per image and channel; a flat channel stays as it is. */
    private static NDArray autoContrast(NDArray x) {
        int[] axes = {2, 3};
        NDArray min = x.min(axes, true);
        NDArray range = x.max(axes, true).sub(min);
        NDArray flat = range.eq(0f).toType(DataType.FLOAT32, false);
        NDArray notFlat = flat.neg().add(1f);
        return x.sub(min.mul(notFlat)).div(range.add(flat)).clip(0, 1);
    }

    /**
     * Equalizes each image's channels: the 8-bit histogram's look-up table of torchvision's {@code
     * equalize} (PIL's {@code ImageOps.equalize}); a channel whose values but the last are too few
     * to spread stays as it is.
     */
    private static NDArray equalize(NDArray batch) {
        Shape shape = batch.getShape();
        int planes = Math.toIntExact(shape.get(0) * shape.get(1));
        int pixels = Math.toIntExact(shape.get(2) * shape.get(3));
        float[] values = batch.toFloatArray();
        for (int plane = 0; plane < planes; plane++) {
            int start = plane * pixels;
            int[] levels = new int[pixels];
            int[] histogram = new int[LEVELS];
            for (int p = 0; p < pixels; p++) {
                levels[p] = Math.max(0, Math.min(LEVELS - 1, Math.round(values[start + p] * 255)));
                histogram[levels[p]]++;
            }
            int[] table = lookUpTable(histogram, pixels);
            if (table != null) {
                for (int p = 0; p < pixels; p++) {
                    values[start + p] = table[levels[p]] / 255f;
                }
            }
        }
        return batch.getManager().create(values, shape);
    }

    /** The look-up table of one channel, or null when it would change nothing. */
    private static int[] lookUpTable(int[] histogram, int pixels) {
        int last = LEVELS - 1;
        while (histogram[last] == 0) {
            last--;
        }
        int step = (pixels - histogram[last]) / (LEVELS - 1);
        if (step == 0) {
            return null;
        }
        int[] table = new int[LEVELS];
        int cumulative = 0;
        for (int level = 0; level < LEVELS; level++) {
            table[level] = Math.min(LEVELS - 1, (cumulative + step / 2) / step);
            cumulative += histogram[level];
        }
        return table;
    }
}
