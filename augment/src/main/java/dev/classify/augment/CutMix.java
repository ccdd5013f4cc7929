package dev.classify.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.classify.api.MixedBatch;
import dev.classify.api.MixingAugmenter;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * CutMix (Yun et al. 2019, "CutMix: Regularization Strategy to Train Strong Classifiers with
 * Localizable Features", arXiv:1905.04899), as the authors' reference code draws it: with a given
 * probability per batch, lambda ~ Beta(alpha, alpha); a box of height floor(H sqrt(1 - lambda)) and
 * width floor(W sqrt(1 - lambda)), centred on a uniformly random pixel and clipped to the image, is
 * pasted into every image i from its partner p(i) (one uniformly random permutation for the batch),
 * in every channel; the targets become a t[i] + (1 - a) t[p(i)] with a = 1 - (the clipped box's
 * area) / (H W), the share of pixels each image keeps. Keeps the shape; every pixel is one of the
 * inputs' pixels.
 *
 * <p>Draws per batch: one {@code nextDouble()} for the probability; when mixed, then lambda (see
 * {@link BetaSampler}), two {@code nextInt}s for the centre (row, then column) and the permutation
 * (see {@link BatchPartners}).
 */
final class CutMix implements MixingAugmenter {
    private final BetaSampler beta;
    private final double probability;

    CutMix(double alpha, double probability) {
        this.beta = new BetaSampler(alpha);
        this.probability = probability;
    }

    /**
     * The random decisions for one batch: rows [top, bottom) and columns [left, right) come from
     * the partner.
     */
    record Draw(int top, int bottom, int left, int right, int[] partners) {
        /** The share of an image's pixels that stay its own, in [0, 1]. */
        double kept(int height, int width) {
            return 1 - (double) (bottom - top) * (right - left) / ((double) height * width);
        }
    }

    /** Draws the decisions for a batch of {@code count} images of {@code height x width}. */
    Optional<Draw> draw(RandomGenerator random, int count, int height, int width) {
        if (random.nextDouble() >= probability) {
            return Optional.empty();
        }
        double cut = Math.sqrt(1 - beta.draw(random));
        int boxHeight = (int) (height * cut);
        int boxWidth = (int) (width * cut);
        int row = random.nextInt(height);
        int column = random.nextInt(width);
        return Optional.of(
                new Draw(
                        clip(row - boxHeight / 2, height),
                        clip(row + boxHeight / 2, height),
                        clip(column - boxWidth / 2, width),
                        clip(column + boxWidth / 2, width),
                        BatchPartners.draw(count, random)));
    }

    private static int clip(int value, int limit) {
        return Math.max(0, Math.min(limit, value));
    }

    @Override
    public MixedBatch mix(NDArray images, NDArray targets, RandomGenerator random) {
        Shape shape = images.getShape();
        int count = Math.toIntExact(shape.get(0));
        int height = Math.toIntExact(shape.get(2));
        int width = Math.toIntExact(shape.get(3));
        Optional<Draw> drawn = draw(random, count, height, width);
        if (drawn.isEmpty()) {
            return new MixedBatch(images, targets);
        }
        Draw draw = drawn.get();
        float[] rows = new float[height];
        float[] columns = new float[width];
        for (int y = draw.top(); y < draw.bottom(); y++) {
            rows[y] = 1f;
        }
        for (int x = draw.left(); x < draw.right(); x++) {
            columns[x] = 1f;
        }
        NDArray partners = BatchPartners.gather(images, draw.partners());
        NDArray mixed;
        try (NDManager scratch = images.getManager().newSubManager()) {
            NDArray mask =
                    scratch.create(rows, new Shape(1, 1, height, 1))
                            .mul(scratch.create(columns, new Shape(1, 1, 1, width)));
            // x * 1 + y * 0 == x for finite values: kept and pasted pixels are exact copies
            mixed = images.mul(mask.neg().add(1f)).addi(partners.mul(mask));
        }
        double kept = draw.kept(height, width);
        NDArray mixedTargets =
                BatchPartners.blend(targets, BatchPartners.gather(targets, draw.partners()), kept);
        return new MixedBatch(mixed, mixedTargets);
    }
}
