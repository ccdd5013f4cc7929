package dev.classify.augment;

/**
 * The magnitude of each {@link AugmentOp} at bin b of n bins (b in 0..n-1), as torchvision's {@code
 * _augmentation_space} gives them: a linear range from 0 at bin 0 to the op's largest magnitude at
 * bin n - 1, except posterize (bits 8 down to 8 - span, rounded) and solarize (threshold 255 down
 * to 0).
 *
 * <ul>
 *   <li>{@link #WIDE}, {@code TrivialAugmentWide} (Müller and Hutter 2021): shear 0.99, translate
 *       32 pixels, rotate 135 degrees, brightness, color, contrast and sharpness 0.99, posterize 8
 *       to 2 bits.
 *   <li>{@link #RAND}, {@code RandAugment} (Cubuk et al. 2019): shear 0.3, translate 150/331 of the
 *       width (x) or height (y), rotate 30 degrees, the enhancements 0.9, posterize 8 to 4 bits.
 * </ul>
 *
 * @param shear the largest shear factor
 * @param rotation the largest angle in degrees
 * @param enhancement the largest enhancement amount
 * @param posterizeSpan how many bits the last bin takes away from 8
 * @param translationShare the largest shift as a share of the image's extent along it
 * @param translationPixels the largest shift in pixels, added to the share's
 */
record AugmentSpace(
        double shear,
        double rotation,
        double enhancement,
        int posterizeSpan,
        double translationShare,
        double translationPixels) {
    /** TrivialAugment's wide ranges. */
    static final AugmentSpace WIDE = new AugmentSpace(0.99, 135, 0.99, 6, 0, 32);

    /** RandAugment's ranges. */
    static final AugmentSpace RAND = new AugmentSpace(0.3, 30, 0.9, 4, 150.0 / 331.0, 0);

    /** The largest shift in pixels along an axis of {@code extent} pixels. */
    double translation(int extent) {
        return translationPixels + translationShare * extent;
    }

    /**
     * Returns the (unsigned) magnitude of {@code op} at {@code bin} of {@code bins}, for images of
     * {@code height} x {@code width}; 0 for ops without a magnitude.
     *
     * @param bins at least 2
     * @param bin in [0, bins)
     */
    float magnitude(AugmentOp op, int bin, int bins, int height, int width) {
        double fraction = bin / (double) (bins - 1);
        double value =
                switch (op) {
                    case SHEAR_X, SHEAR_Y -> shear * fraction;
                    case TRANSLATE_X -> translation(width) * fraction;
                    case TRANSLATE_Y -> translation(height) * fraction;
                    case ROTATE -> rotation * fraction;
                    case BRIGHTNESS, COLOR, CONTRAST, SHARPNESS -> enhancement * fraction;
                    // torch's round() rounds halves to even, as Math.rint does
                    case POSTERIZE -> 8 - Math.rint(bin / ((bins - 1) / (double) posterizeSpan));
                    case SOLARIZE -> 255 * (1 - fraction);
                    case IDENTITY, AUTO_CONTRAST, EQUALIZE -> 0;
                };
        return (float) value;
    }
}
