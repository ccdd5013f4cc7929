package dev.classify.engine.embed;

import static java.util.Objects.requireNonNull;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The images a model takes, C x H x W as its training images were before augmentation, and the
 * conversion of the forms an application holds them in to float32 CHW values in [0, 1], with the
 * size checks that name the offending image. Immutable and thread safe.
 */
final class ImageInput {
    private final int channels;
    private final int height;
    private final int width;

    /** Takes images of {@code chw}, the model's (C, H, W). */
    ImageInput(int[] chw) {
        this.channels = chw[0];
        this.height = chw[1];
        this.width = chw[2];
    }

    int channels() {
        return channels;
    }

    int height() {
        return height;
    }

    int width() {
        return width;
    }

    /**
     * Converts image {@code index} as {@link ImagePixels} does.
     *
     * @throws IllegalArgumentException when the image has another size
     */
    float[] pixels(BufferedImage image, int index) {
        requireNonNull(image, "image is null");
        checkSize(image.getHeight(), image.getWidth(), index);
        float[] pixels = new float[channels * height * width];
        ImagePixels.copy(image, channels, pixels, 0);
        return pixels;
    }

    /**
     * Returns {@code pixels}, image {@code index} given as CHW values, after checking its size.
     *
     * @throws IllegalArgumentException when the size or the length does not match the model
     */
    float[] checked(float[] pixels, int imageHeight, int imageWidth, int index) {
        requireNonNull(pixels, "pixels is null");
        checkSize(imageHeight, imageWidth, index);
        if (pixels.length != channels * height * width) {
            throw new IllegalArgumentException(
                    where(index)
                            + pixels.length
                            + " values, but the model takes "
                            + channels
                            + " x "
                            + height
                            + " x "
                            + width
                            + " = "
                            + channels * height * width
                            + " (CHW)");
        }
        return pixels;
    }

    /** The images, each as {@link #pixels} or {@link #checked} returned it, as an image set. */
    PixelImages asImageSet(List<float[]> images) {
        return new PixelImages(images, channels, height, width);
    }

    private void checkSize(int imageHeight, int imageWidth, int index) {
        if (imageHeight != height || imageWidth != width) {
            throw new IllegalArgumentException(
                    where(index)
                            + imageWidth
                            + "x"
                            + imageHeight
                            + " pixels, but the model was trained on "
                            + width
                            + "x"
                            + height
                            + " (width x height) images; resize them to that size first");
        }
    }

    private static String where(int index) {
        return "image " + index + " has ";
    }
}
