package dev.classify.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.classify.api.Augmenter;
import dev.classify.api.ConfigurationException;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Changes the brightness, contrast, saturation and hue of each image of an NCHW batch by factors
 * drawn per image, as torchvision's {@code ColorJitter} defines them; values must start in [0, 1]
 * and are clamped to [0, 1] after every step. Keeps the shape.
 *
 * <ul>
 *   <li>brightness: multiply by f;
 *   <li>contrast: blend with the image's mean gray level, f x + (1 - f) mean;
 *   <li>saturation (3 channels only): blend with the pixel's gray level, f x + (1 - f) gray;
 *   <li>hue (3 channels only): add f (in [-0.5, 0.5]) to the HSV hue, modulo 1.
 * </ul>
 *
 * <p>Gray is 0.2989 R + 0.587 G + 0.114 B, as in torchvision; a 1-channel image is its own gray.
 * The steps run in the fixed order brightness, contrast, saturation, hue (torchvision shuffles the
 * order per call; without the clamps the first three commute, and a per-image order would cost a
 * pass per step and position). Draws per image, in that order, one {@code nextDouble()} per enabled
 * step.
 */
final class ColorJitter implements Augmenter {
    private static final float[] GRAY = {0.2989f, 0.587f, 0.114f};

    private final String path;
    private final Optional<NumberRange> brightness;
    private final Optional<NumberRange> contrast;
    private final Optional<NumberRange> saturation;
    private final Optional<NumberRange> hue;

    ColorJitter(
            String path,
            Optional<NumberRange> brightness,
            Optional<NumberRange> contrast,
            Optional<NumberRange> saturation,
            Optional<NumberRange> hue) {
        this.path = path;
        this.brightness = brightness;
        this.contrast = contrast;
        this.saturation = saturation;
        this.hue = hue;
    }

    @Override
    public int[] outputShape(int[] chw) {
        if (chw[0] != 1 && chw[0] != 3) {
            throw new ConfigurationException(
                    path, "color-jitter needs 1- or 3-channel images, got " + chw[0] + " channels");
        }
        if (chw[0] == 1 && (saturation.isPresent() || hue.isPresent())) {
            throw new ConfigurationException(
                    path,
                    "saturation and hue need 3-channel images, got 1 channel;"
                            + " put to-rgb first or drop the option");
        }
        return chw.clone();
    }

    @Override
    public NDArray apply(NDArray batch, RandomGenerator random) {
        Shape shape = batch.getShape();
        int count = Math.toIntExact(shape.get(0));
        int channels = Math.toIntExact(shape.get(1));
        outputShape(new int[] {channels, 1, 1});
        float[][] factors = new float[4][count];
        Optional<?>[] steps = {brightness, contrast, saturation, hue};
        for (int i = 0; i < count; i++) {
            for (int step = 0; step < steps.length; step++) {
                if (steps[step].isPresent()) {
                    factors[step][i] = (float) ((NumberRange) steps[step].get()).draw(random);
                }
            }
        }
        NDManager manager = batch.getManager();
        Shape perImage = new Shape(count, 1, 1, 1);
        try (NDManager scratch = manager.newSubManager()) {
            // every intermediate array is created on its operand's manager: keep them in scratch
            NDArray result = batch.duplicate();
            result.attach(scratch);
            if (brightness.isPresent()) {
                NDArray f = scratch.create(factors[0], perImage);
                result = result.mul(f).clip(0, 1);
            }
            if (contrast.isPresent()) {
                result = contrast(result, scratch.create(factors[1], perImage));
            }
            if (saturation.isPresent()) {
                NDArray f = scratch.create(factors[2], perImage);
                result = blend(result, gray(result), f);
            }
            if (hue.isPresent()) {
                result = shiftHue(result, scratch.create(factors[3], perImage));
            }
            result.attach(manager);
            return result;
        }
    }

    /**
     * Blends each image of {@code x} with its mean gray level: f x + (1 - f) mean, clamped to [0,
     * 1], torchvision's {@code adjust_contrast}.
     *
     * @param x float32 (N, C, H, W) with C 1 or 3
     * @param f float32 factors, broadcastable to (N, 1, 1, 1)
     * @return float32 (N, C, H, W) attached to {@code x}'s manager
     */
    static NDArray contrast(NDArray x, NDArray f) {
        NDArray mean = gray(x).mean(new int[] {1, 2, 3}, true);
        return blend(x, mean, f);
    }

    /** f x + (1 - f) other, clamped to [0, 1]; attached to {@code x}'s manager. */
    static NDArray blend(NDArray x, NDArray other, NDArray f) {
        return x.mul(f).addi(other.mul(f.neg().add(1f))).clip(0, 1);
    }

    /** The (N, 1, H, W) gray level of a 1- or 3-channel batch. */
    static NDArray gray(NDArray x) {
        if (x.getShape().get(1) == 1) {
            return x;
        }
        NDArray weights = x.getManager().create(GRAY, new Shape(1, 3, 1, 1));
        return x.mul(weights).sum(new int[] {1}, true);
    }

    /**
     * Adds {@code shift} (N, 1, 1, 1) to the HSV hue of an RGB batch: RGB to HSV as torchvision
     * computes it, then back with the branch-free form c = v - v s clamp(min(k, 4 - k), 0, 1), k =
     * (n + 6 h) mod 6, n = 5, 3, 1 for R, G, B.
     */
    private static NDArray shiftHue(NDArray x, NDArray shift) {
        NDArray r = x.get(new NDIndex(":, 0:1"));
        NDArray g = x.get(new NDIndex(":, 1:2"));
        NDArray b = x.get(new NDIndex(":, 2:3"));
        NDArray max = x.max(new int[] {1}, true);
        NDArray min = x.min(new int[] {1}, true);
        NDArray range = max.sub(min);
        NDArray isGray = max.eq(min).toType(DataType.FLOAT32, false);
        // divisors of 1 where the pixel is gray: its hue and saturation are then 0
        NDArray saturation = range.div(max.add(isGray));
        NDArray divisor = range.add(isGray);
        NDArray rc = max.sub(r).div(divisor);
        NDArray gc = max.sub(g).div(divisor);
        NDArray bc = max.sub(b).div(divisor);
        NDArray isRed = max.eq(r).toType(DataType.FLOAT32, false);
        NDArray notRed = isRed.neg().add(1f);
        NDArray notGreen = max.eq(g).toType(DataType.FLOAT32, false).neg().add(1f);
        NDArray hue =
                isRed.mul(bc.sub(gc))
                        .add(notGreen.neg().add(1f).mul(notRed).mul(rc.sub(bc).add(2f)))
                        .add(notGreen.mul(notRed).mul(gc.sub(rc).add(4f)));
        // hue / 6 in [-1/6, 1); the shift is in [-0.5, 0.5]; + 2 keeps mod's argument positive
        NDArray sixths = hue.div(6f).add(shift).add(2f).mod(1f).mul(6f);
        NDArray chroma = max.mul(saturation);
        NDList rgb = new NDList(3);
        for (float n : new float[] {5f, 3f, 1f}) {
            NDArray k = sixths.add(n).mod(6f);
            NDArray ramp = k.minimum(k.neg().add(4f)).clip(0, 1);
            rgb.add(max.sub(chroma.mul(ramp)));
        }
        return NDArrays.concat(rgb, 1).clip(0, 1);
    }
}
