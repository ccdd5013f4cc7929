package dev.classify.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * The enhancement ops of {@link AugmentOp} (PIL's {@code ImageEnhance}, as torchvision's {@code
 * adjust_*} functions compute them on tensors): each blends an image x with a degenerate image d by
 * the factor f = 1 + magnitude, f x + (1 - f) d, clamped to [0, 1]. Brightness blends with black,
 * color with the gray image (through {@link ColorJitter#blend}), contrast with the mean gray level
 * ({@link ColorJitter#contrast}), sharpness with the image smoothed by the 3x3 kernel [[1, 1, 1],
 * [1, 5, 1], [1, 1, 1]] / 13, whose border pixels stay the image's own. Stateless.
 */
final class EnhanceOps {
    private EnhanceOps() {}

    /** Applies {@code op} (an enhancement) with one magnitude per image; see {@link AugmentOp}. */
    static NDArray apply(AugmentOp op, NDArray batch, float[] magnitudes) {
        int count = magnitudes.length;
        int channels = Math.toIntExact(batch.getShape().get(1));
        if (op == AugmentOp.COLOR && channels == 1) {
            return batch; // torchvision's adjust_saturation leaves gray images alone
        }
        float[] factors = new float[count];
        for (int i = 0; i < count; i++) {
            factors[i] = 1 + magnitudes[i];
        }
        NDManager manager = batch.getManager();
        try (NDManager scratch = manager.newSubManager()) {
            NDArray x = batch.duplicate();
            x.attach(scratch);
            NDArray f = scratch.create(factors, new Shape(count, 1, 1, 1));
            NDArray result =
                    switch (op) {
                        case BRIGHTNESS -> x.mul(f).clip(0, 1);
                        case COLOR -> ColorJitter.blend(x, ColorJitter.gray(x), f);
                        case CONTRAST -> ColorJitter.contrast(x, f);
                        case SHARPNESS -> ColorJitter.blend(x, smoothed(x, channels), f);
                        default -> throw new IllegalArgumentException(op + " is no enhancement");
                    };
            result.attach(manager);
            return result;
        }
    }

    /** The image smoothed by the 3x3 kernel inside, itself on its one-pixel border. */
    private static NDArray smoothed(NDArray x, int channels) {
        Shape shape = x.getShape();
        int height = Math.toIntExact(shape.get(2));
        int width = Math.toIntExact(shape.get(3));
        NDManager manager = x.getManager();
        float[] kernel = new float[channels * 9];
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] = (i % 9 == 4 ? 5f : 1f) / 13f;
        }
        NDArray weight = manager.create(kernel, new Shape(channels, 1, 3, 3));
        NDArray blurred =
                Conv2d.conv2d(
                                x,
                                weight,
                                null,
                                new Shape(1, 1),
                                new Shape(1, 1),
                                new Shape(1, 1),
                                channels)
                        .singletonOrThrow();
        float[] inside = new float[height * width];
        for (int row = 1; row < height - 1; row++) {
            for (int column = 1; column < width - 1; column++) {
                inside[row * width + column] = 1;
            }
        }
        NDArray mask = manager.create(inside, new Shape(1, 1, height, width));
        return blurred.mul(mask).add(x.mul(mask.neg().add(1f)));
    }
}
