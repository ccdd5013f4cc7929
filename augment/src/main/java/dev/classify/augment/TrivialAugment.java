package dev.classify.augment;

import java.util.random.RandomGenerator;

/**
 * TrivialAugment (Müller and Hutter 2021, "TrivialAugment: Tuning-free Yet State-of-the-Art Data
 * Augmentation", arXiv:2103.10158) with the wide op set of torchvision's {@code
 * TrivialAugmentWide}: each image gets one {@link AugmentOp} drawn uniformly, at a magnitude drawn
 * uniformly from the op's bins ({@link AugmentSpace#WIDE}), negated with probability 1/2 for the
 * signed ops.
 *
 * <p>Draws per image, in torchvision's order: {@code nextInt(14)} for the op, then for an op with
 * magnitudes {@code nextInt(bins)} for the bin, then for a signed op {@code nextInt(2)} for the
 * sign.
 *
 * @param bins the number of magnitude bins, at least 2
 */
record TrivialAugment(int bins) implements OpPolicy {

    @Override
    public int rounds() {
        return 1;
    }

    @Override
    public void draw(
            RandomGenerator random, int height, int width, AugmentOp[] ops, float[] magnitudes) {
        AugmentOp op = PerImageOps.drawOp(random);
        float magnitude = 0;
        if (op.hasMagnitude()) {
            magnitude = AugmentSpace.WIDE.magnitude(op, random.nextInt(bins), bins, height, width);
        }
        ops[0] = op;
        magnitudes[0] = PerImageOps.signed(op, magnitude, random);
    }
}
