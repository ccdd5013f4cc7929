package dev.classify.augment;

import ai.djl.ndarray.NDArray;
import dev.classify.api.MixedBatch;
import dev.classify.api.MixingAugmenter;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * MixUp (Zhang et al. 2017, "mixup: Beyond Empirical Risk Minimization", arXiv:1710.09412): with a
 * given probability per batch, every image i becomes lambda x[i] + (1 - lambda) x[p(i)] and its
 * target lambda t[i] + (1 - lambda) t[p(i)], with one lambda ~ Beta(alpha, alpha) and one uniformly
 * random permutation p for the whole batch, as the paper's reference code does. Keeps the shape;
 * the values stay within the range of the inputs (a convex combination).
 *
 * <p>Draws per batch: one {@code nextDouble()} for the probability; when mixed, then lambda (see
 * {@link BetaSampler}) and the permutation (see {@link BatchPartners}).
 */
final class MixUp implements MixingAugmenter {
    private final BetaSampler beta;
    private final double probability;

    MixUp(double alpha, double probability) {
        this.beta = new BetaSampler(alpha);
        this.probability = probability;
    }

    /**
     * The random decisions for one batch.
     *
     * @param lambda the weight of each image itself, in [0, 1]
     * @param partners the image each is mixed with
     */
    record Draw(double lambda, int[] partners) {}

    /** Draws the decisions for a batch of {@code count}; empty when it stays unmixed. */
    Optional<Draw> draw(RandomGenerator random, int count) {
        if (random.nextDouble() >= probability) {
            return Optional.empty();
        }
        double lambda = beta.draw(random);
        return Optional.of(new Draw(lambda, BatchPartners.draw(count, random)));
    }

    @Override
    public MixedBatch mix(NDArray images, NDArray targets, RandomGenerator random) {
        Optional<Draw> draw = draw(random, Math.toIntExact(images.getShape().get(0)));
        if (draw.isEmpty()) {
            return new MixedBatch(images, targets);
        }
        double lambda = draw.get().lambda();
        int[] partners = draw.get().partners();
        return new MixedBatch(
                BatchPartners.blend(images, BatchPartners.gather(images, partners), lambda),
                BatchPartners.blend(targets, BatchPartners.gather(targets, partners), lambda));
    }
}
