package dev.classify.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.classify.api.Augmenter;
import java.util.random.RandomGenerator;

/**
 * Rotates each image of an NCHW batch about its centre by an angle uniform in [-degrees, degrees]
 * (positive is counter-clockwise, as in torchvision) and shifts it by a whole number of pixels
 * uniform in [-tx W, tx W] and [-ty H, ty H], as torchvision's {@code RandomAffine} without shear
 * and scale. Bilinear sampling; pixels that come from outside the image are 0 (each missing
 * neighbour counts as 0). Keeps the shape; a [0, 1] range is kept up to float rounding.
 *
 * <p>Draws per image: one {@code nextDouble()} for the angle, then, when a translation is set, one
 * each for the horizontal and the vertical shift.
 */
final class RandomAffine implements Augmenter {
    private final double degrees;
    private final double translateX;
    private final double translateY;

    RandomAffine(double degrees, double translateX, double translateY) {
        this.degrees = degrees;
        this.translateX = translateX;
        this.translateY = translateY;
    }

    @Override
    public NDArray apply(NDArray batch, RandomGenerator random) {
        Shape shape = batch.getShape();
        int count = Math.toIntExact(shape.get(0));
        int height = Math.toIntExact(shape.get(2));
        int width = Math.toIntExact(shape.get(3));
        float[] cos = new float[count];
        float[] sin = new float[count];
        float[] shiftX = new float[count];
        float[] shiftY = new float[count];
        NumberRange angles = new NumberRange(-degrees, degrees);
        NumberRange shiftsX = new NumberRange(-translateX * width, translateX * width);
        NumberRange shiftsY = new NumberRange(-translateY * height, translateY * height);
        for (int i = 0; i < count; i++) {
            double angle = Math.toRadians(angles.draw(random));
            cos[i] = (float) Math.cos(angle);
            sin[i] = (float) Math.sin(angle);
            if (translateX > 0 || translateY > 0) {
                shiftX[i] = Math.round(shiftsX.draw(random));
                shiftY[i] = Math.round(shiftsY.draw(random));
            }
        }
        float centreX = (width - 1) / 2f;
        float centreY = (height - 1) / 2f;
        try (NDManager scratch = batch.getManager().newSubManager()) {
            Shape perImage = new Shape(count, 1, 1, 1);
            NDArray c = scratch.create(cos, perImage);
            NDArray s = scratch.create(sin, perImage);
            // output pixel relative to the shifted centre, then the inverse rotation
            NDArray dx =
                    scratch.arange(0f, width, 1f)
                            .reshape(1, 1, 1, width)
                            .sub(scratch.create(shiftX, perImage).add(centreX));
            NDArray dy =
                    scratch.arange(0f, height, 1f)
                            .reshape(1, 1, height, 1)
                            .sub(scratch.create(shiftY, perImage).add(centreY));
            NDArray sourceX = c.mul(dx).sub(s.mul(dy)).add(centreX);
            NDArray sourceY = s.mul(dx).add(c.mul(dy)).add(centreY);
            return BilinearSampler.sample(batch, sourceY, sourceX);
        }
    }
}
