package dev.classify.engine.config;

import dev.classify.api.Problems;

/**
 * The validation images, never trained on and evaluated after every epoch: a seeded random hold-out
 * drawn from the training images, the hold-out written by an earlier run, or a labelled set of
 * their own.
 *
 * <p>A drawn hold-out takes {@code size} or {@code fraction}, not both; with neither, a tenth of
 * the training images is held out. {@code size: 0} trains on everything and reports no validation
 * metrics. With {@code stratified}, each class gives the same share of its images (so rare classes
 * are held out too). {@code ids} instead names a file of image ids (a run's {@code holdout.csv}) to
 * hold out exactly those; {@code source} instead names validation files of their own. The three
 * kinds exclude each other.
 *
 * @param size the number of images held out, at least 0
 * @param fraction the fraction of images held out, in [0, 1)
 * @param seed the seed of the random draw, default 42
 * @param stratified whether each class is held out in proportion to its size; default false
 * @param ids a CSV file with an {@code id} column: the ids of the training images to hold out
 * @param source validation images with labels, read by their own dataset plugin
 */
public record ValidationConfig(
        Integer size,
        Double fraction,
        Long seed,
        Boolean stratified,
        String ids,
        SourceConfig source) {

    /** The fraction held out when neither size nor fraction is given. */
    public static final double DEFAULT_FRACTION = 0.1;

    /** Fills the default seed and stratification. */
    public ValidationConfig {
        seed = seed == null ? 42L : seed;
        stratified = stratified != null && stratified;
    }

    /** A drawn hold-out of {@code size} or {@code fraction} images, not stratified. */
    public ValidationConfig(Integer size, Double fraction, Long seed) {
        this(size, fraction, seed, null, null, null);
    }

    /** Validation images of their own, read from {@code source}. */
    public static ValidationConfig of(SourceConfig source) {
        return new ValidationConfig(null, null, null, null, null, source);
    }

    /** Whether the hold-out is drawn at random from the training images (not ids, not files). */
    public boolean drawsHoldOut() {
        return ids == null && source == null;
    }

    /**
     * Returns how many of {@code trainingImages} images a drawn hold-out holds.
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
        boolean drawing = size != null || fraction != null || stratified;
        if (ids != null) {
            problems.check(!ids.isBlank(), path + ".ids", "must name a file, got a blank value");
            problems.check(
                    !drawing,
                    path + ".ids",
                    "holds out the images a file lists; remove size, fraction and stratified,"
                            + " which draw a hold-out at random, or remove ids");
            problems.check(
                    source == null,
                    path + ".ids",
                    "holds out training images, but images gives validation files of their own;"
                            + " keep one of them");
        }
        if (source != null) {
            source.validate(path, problems);
            problems.check(
                    !drawing,
                    path + ".images",
                    "gives validation files of their own; remove size, fraction and stratified,"
                            + " which draw a hold-out from data.train, or remove images");
        }
    }
}
