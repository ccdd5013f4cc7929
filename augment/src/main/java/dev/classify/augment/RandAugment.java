package dev.classify.augment;

import java.util.random.RandomGenerator;

/**
 * RandAugment (Cubuk et al. 2019, "RandAugment: Practical automated data augmentation with a
 * reduced search space", arXiv:1909.13719) as torchvision's {@code RandAugment}: each image goes
 * through {@code operations} {@link AugmentOp}s in turn, each drawn uniformly, all at the fixed
 * magnitude bin {@code magnitude} of {@code bins} ({@link AugmentSpace#RAND}), negated with
 * probability 1/2 for the signed ops.
 *
 * <p>Draws per image, in torchvision's order: for each op, {@code nextInt(14)} for the op and, for
 * a signed op, {@code nextInt(2)} for the sign.
 *
 * @param operations the ops per image (torchvision's {@code num_ops}), at least 1
 * @param magnitude the bin of every op's strength, in [0, bins)
 * @param bins the number of magnitude bins, at least 2
 */
record RandAugment(int operations, int magnitude, int bins) implements OpPolicy {

    @Override
    public int rounds() {
        return operations;
    }

    @Override
    public void draw(
            RandomGenerator random, int height, int width, AugmentOp[] ops, float[] magnitudes) {
        for (int k = 0; k < operations; k++) {
            AugmentOp op = PerImageOps.drawOp(random);
            float value = AugmentSpace.RAND.magnitude(op, magnitude, bins, height, width);
            ops[k] = op;
            magnitudes[k] = PerImageOps.signed(op, value, random);
        }
    }
}
