package dev.classify.augment;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;

/**
 * The image operations of torchvision's {@code TrivialAugmentWide} and {@code RandAugment}, in
 * torchvision's order (an op's {@link #ordinal()} is its index there), each applied to a whole NCHW
 * float32 batch in [0, 1] with one magnitude per image. Every op keeps the shape and the [0, 1]
 * range; geometric ops sample the nearest pixel (torchvision's default for these augmenters) and
 * fill pixels from outside the image with 0.
 *
 * <p>Magnitudes are in torchvision's units (see {@link AugmentSpace}): a shear factor (the tangent
 * of the shear angle, about the top-left corner), a shift in pixels (truncated to a whole number),
 * an angle in degrees (counter-clockwise, about the centre), an enhancement amount m for a factor 1
 * + m, bits kept by posterize, a solarize threshold on the 0..255 scale.
 */
enum AugmentOp {
    /** The image unchanged. */
    IDENTITY(false, false),
    /** Shears along x: the pixel at (x, y) comes from (x + m (y + 1/2), y). */
    SHEAR_X(true, true),
    /** Shears along y: the pixel at (x, y) comes from (x, y + m (x + 1/2)). */
    SHEAR_Y(true, true),
    /** Shifts right by m whole pixels. */
    TRANSLATE_X(true, true),
    /** Shifts down by m whole pixels. */
    TRANSLATE_Y(true, true),
    /** Rotates by m degrees counter-clockwise about the centre. */
    ROTATE(true, true),
    /** Multiplies by 1 + m (torchvision's {@code adjust_brightness}). */
    BRIGHTNESS(true, true),
    /**
     * Blends with the gray image by 1 + m (torchvision's {@code adjust_saturation}); leaves a
     * 1-channel image unchanged, as torchvision does.
     */
    COLOR(true, true),
    /** Blends with the mean gray level by 1 + m (torchvision's {@code adjust_contrast}). */
    CONTRAST(true, true),
    /** Blends with a 3x3 smoothed image by 1 + m (torchvision's {@code adjust_sharpness}). */
    SHARPNESS(true, true),
    /** Keeps the top m bits of each pixel's 8-bit value (PIL's and torchvision's posterize). */
    POSTERIZE(true, false),
    /** Inverts (1 - x) the pixels at or above m / 255. */
    SOLARIZE(true, false),
    /** Stretches each channel of each image to span [0, 1] (torchvision's autocontrast). */
    AUTO_CONTRAST(false, false),
    /** Equalizes each channel's 256-level histogram (torchvision's and PIL's equalize). */
    EQUALIZE(false, false);

    private final boolean hasMagnitude;
    private final boolean signed;

    AugmentOp(boolean hasMagnitude, boolean signed) {
        this.hasMagnitude = hasMagnitude;
        this.signed = signed;
    }

    /** Whether the op takes a magnitude from the bins (else it has none and draws no bin). */
    boolean hasMagnitude() {
        return hasMagnitude;
    }

    /** Whether a drawn magnitude is negated with probability 1/2. */
    boolean signed() {
        return signed;
    }

    /**
     * Applies this op to every image of {@code batch} with the same magnitude; the hook by which
     * tests check one op at a time.
     */
    NDArray apply(NDArray batch, float magnitude) {
        float[] magnitudes = new float[Math.toIntExact(batch.getShape().get(0))];
        Arrays.fill(magnitudes, magnitude);
        return apply(batch, magnitudes);
    }

    /**
     * Applies this op to each image of {@code batch} with its own magnitude.
     *
     * @param batch float32 (N, C, H, W) in [0, 1], C 1 or 3; not closed or modified
     * @param magnitudes N magnitudes in this op's units (ignored by ops without one)
     * @return float32 (N, C, H, W) in [0, 1] on {@code batch}'s manager, or {@code batch} itself
     *     when the op changes nothing
     */
    NDArray apply(NDArray batch, float[] magnitudes) {
        return switch (this) {
            case IDENTITY -> batch;
            case SHEAR_X, SHEAR_Y, TRANSLATE_X, TRANSLATE_Y, ROTATE ->
                    GeometricOps.apply(this, batch, magnitudes);
            case BRIGHTNESS, COLOR, CONTRAST, SHARPNESS ->
                    EnhanceOps.apply(this, batch, magnitudes);
            case POSTERIZE, SOLARIZE, AUTO_CONTRAST, EQUALIZE ->
                    ToneOps.apply(this, batch, magnitudes);
        };
    }
}
