package dev.classify.api.config;

import dev.classify.api.Problems;

/**
 * The validation hold-out: a seeded random subset of the training images, never trained on and
 * evaluated after every epoch. Give {@code size} or {@code fraction}, not both; with neither, a
 * tenth of the training images is held out. {@code size: 0} trains on everything and reports no
 * validation metrics.
 *
 * @param size the number of images held out, at least 0
 * @param fraction the fraction of images held out, in [0, 1)
 * @param seed the seed of the random draw, default 42
 */
public record ValidationConfig(Integer size, Double fraction, Long seed) {

    /** The fraction held out when neither size nor fraction is given. */
    public static final double DEFAULT_FRACTION = 0.1;

    /** Fills the default seed. */
    public ValidationConfig {
        seed = seed == null ? 42L : seed;
    }

    /**
     * Returns how many of {@code trainingImages} images are held out.
     *
     * @throws IllegalArgumentException when the size does not leave at least one training image
     */
    public int holdOutSize(int trainingImages) {
        int count;
        if (size != null) {
            count = size;
        } else {
            double share = fraction == null ? DEFAULT_FRACTION : fraction;
            count = (int) Math.round(share * trainingImages);
        }
        if (count < 0 || count >= trainingImages) {
            throw new IllegalArgumentException(
                    "hold-out of "
                            + count
                            + " images leaves no training image out of "
                            + trainingImages);
        }
        return count;
    }

    /** Records problems under {@code path}. */
    public void validate(String path, Problems problems) {
        if (size != null && fraction != null) {
            problems.add(path, "give size or fraction, not both");
        }
        if (size != null) {
            problems.check(size >= 0, path + ".size", "must be at least 0, got " + size);
        }
        if (fraction != null) {
            problems.check(
                    fraction >= 0 && fraction < 1,
                    path + ".fraction",
                    "must be in [0, 1), got " + fraction);
        }
    }
}
