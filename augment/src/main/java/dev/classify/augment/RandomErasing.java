package dev.classify.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.classify.api.Augmenter;
import java.util.random.RandomGenerator;

/**
 * Random erasing (Zhong et al. 2017, "Random Erasing Data Augmentation"), as torchvision's {@code
 * RandomErasing} draws it: with a given probability per image, a rectangle of area fraction uniform
 * in {@code scale} and aspect ratio (height / width) log-uniform in {@code ratio}, side lengths
 * rounded and strictly smaller than the image's, at a uniform position, is set to {@code value} in
 * every channel; after 10 tries without a fit the image is kept. Keeps the shape; the values are
 * the input's plus {@code value} (any range: it usually runs after normalize).
 *
 * <p>One mask for the whole batch, x (1 - mask) + value mask, leaves unerased pixels bit-identical.
 * Draws per image: one {@code nextDouble()} for the probability, then per try two {@code
 * nextDouble()}s and, on a fit, two {@code nextInt}s.
 */
final class RandomErasing implements Augmenter {
    private static final int TRIES = 10;

    private final double probability;
    private final NumberRange scale;
    private final NumberRange logRatio;
    private final float value;

    RandomErasing(double probability, NumberRange scale, NumberRange ratio, float value) {
        this.probability = probability;
        this.scale = scale;
        this.logRatio = new NumberRange(Math.log(ratio.low()), Math.log(ratio.high()));
        this.value = value;
    }

    @Override
    public NDArray apply(NDArray batch, RandomGenerator random) {
        Shape shape = batch.getShape();
        int count = Math.toIntExact(shape.get(0));
        int height = Math.toIntExact(shape.get(2));
        int width = Math.toIntExact(shape.get(3));
        float[] rows = new float[count * height];
        float[] columns = new float[count * width];
        boolean any = false;
        for (int i = 0; i < count; i++) {
            if (random.nextDouble() >= probability) {
                continue;
            }
            double area = (double) height * width;
            for (int attempt = 0; attempt < TRIES; attempt++) {
                double target = area * scale.draw(random);
                double aspect = Math.exp(logRatio.draw(random));
                int h = (int) Math.round(Math.sqrt(target * aspect));
                int w = (int) Math.round(Math.sqrt(target / aspect));
                if (h < 1 || w < 1 || h >= height || w >= width) {
                    continue;
                }
                int top = random.nextInt(height - h + 1);
                int left = random.nextInt(width - w + 1);
                for (int y = top; y < top + h; y++) {
                    rows[i * height + y] = 1f;
                }
                for (int x = left; x < left + w; x++) {
                    columns[i * width + x] = 1f;
                }
                any = true;
                break;
            }
        }
        if (!any) {
            return batch;
        }
        NDManager manager = batch.getManager();
        try (NDManager scratch = manager.newSubManager()) {
            NDArray mask =
                    scratch.create(rows, new Shape(count, 1, height, 1))
                            .mul(scratch.create(columns, new Shape(count, 1, 1, width)));
            // x * 1 == x and x * 0 + value == value for finite x: erased and kept pixels are exact
            NDArray kept = batch.mul(mask.neg().add(1f));
            return kept.addi(mask.mul(value));
        }
    }
}
