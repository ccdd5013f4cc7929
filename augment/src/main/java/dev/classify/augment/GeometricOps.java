package dev.classify.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The geometric ops of {@link AugmentOp} as torchvision's {@code F.affine} and {@code F.rotate}
 * compute them: each output pixel (x, y), in pixel-index coordinates, reads the source position
 * given by a per-image inverse affine map, rounded to the nearest pixel (halves up) and read by
 * {@link BilinearSampler#sampleWhole}, 0 outside the image. Stateless.
 */
final class GeometricOps {
    private GeometricOps() {}

    /** Applies {@code op} (a geometric one) with one magnitude per image; see {@link AugmentOp}. */
    static NDArray apply(AugmentOp op, NDArray batch, float[] magnitudes) {
        Shape shape = batch.getShape();
        int count = magnitudes.length;
        int height = Math.toIntExact(shape.get(2));
        int width = Math.toIntExact(shape.get(3));
        // source x = xx x + xy y + x0, source y = yx x + yy y + y0
        float[][] map = new float[6][count];
        for (int i = 0; i < count; i++) {
            float[] row = inverseMap(op, magnitudes[i], height, width);
            for (int k = 0; k < 6; k++) {
                map[k][i] = row[k];
            }
        }
        try (NDManager scratch = batch.getManager().newSubManager()) {
            Shape perImage = new Shape(count, 1, 1, 1);
            NDArray x = scratch.arange(0f, width, 1f).reshape(1, 1, 1, width);
            NDArray y = scratch.arange(0f, height, 1f).reshape(1, 1, height, 1);
            NDArray sourceX = combine(scratch, map[0], map[1], map[2], x, y, perImage);
            NDArray sourceY = combine(scratch, map[3], map[4], map[5], x, y, perImage);
            return BilinearSampler.sampleWhole(batch, sourceY, sourceX);
        }
    }

    /** round(a x + b y + c), per image, as (count, 1, H, W) on {@code scratch}. */
    private static NDArray combine(
            NDManager scratch,
            float[] a,
            float[] b,
            float[] c,
            NDArray x,
            NDArray y,
            Shape perImage) {
        return scratch.create(a, perImage)
                .mul(x)
                .add(scratch.create(b, perImage).mul(y))
                .add(scratch.create(c, perImage))
                .add(0.5f)
                .floor();
    }

    /**
     * The inverse map {xx, xy, x0, yx, yy, y0} of one image. Shears are about the top-left corner
     * of the image, (-1/2, -1/2) in pixel indices (torchvision's {@code center=[0, 0]}); rotation
     * is about the centre ((W - 1) / 2, (H - 1) / 2).
     */
    private static float[] inverseMap(AugmentOp op, float magnitude, int height, int width) {
        return switch (op) {
            case SHEAR_X -> new float[] {1, magnitude, magnitude / 2, 0, 1, 0};
            case SHEAR_Y -> new float[] {1, 0, 0, magnitude, 1, magnitude / 2};
            case TRANSLATE_X -> new float[] {1, 0, -(int) magnitude, 0, 1, 0};
            case TRANSLATE_Y -> new float[] {1, 0, 0, 0, 1, -(int) magnitude};
            case ROTATE -> rotation(magnitude, height, width);
            default -> throw new IllegalArgumentException(op + " is not geometric");
        };
    }

    /** Counter-clockwise by {@code degrees}, as torchvision's {@code rotate} and RandomAffine. */
    private static float[] rotation(float degrees, int height, int width) {
        double angle = Math.toRadians(degrees);
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double centreX = (width - 1) / 2.0;
        double centreY = (height - 1) / 2.0;
        return new float[] {
            (float) cos,
            (float) -sin,
            (float) (centreX - cos * centreX + sin * centreY),
            (float) sin,
            (float) cos,
            (float) (centreY - sin * centreX - cos * centreY)
        };
    }
}
