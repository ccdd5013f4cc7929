package dev.classify.augment;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import dev.classify.api.Augmenter;
import java.util.random.RandomGenerator;

/**
 * Bilinear resize of every image of an NCHW batch to (C, height, width), with half-pixel centres
 * (as OpenCV's {@code INTER_LINEAR} and PyTorch's {@code align_corners=False}); no antialiasing
 * when shrinking. Each output pixel is a convex combination of input pixels, so the value range is
 * kept up to float rounding (a few ulp). Channels and batch size are unchanged.
 *
 * <p>DJL's image resize works on HWC/NHWC arrays only, hence the transposes around it.
 */
final class Resize implements Augmenter {
    private final ImageSize size;

    Resize(ImageSize size) {
        this.size = size;
    }

    @Override
    public int[] outputShape(int[] chw) {
        return new int[] {chw[0], size.height(), size.width()};
    }

    @Override
    public NDArray apply(NDArray batch, RandomGenerator random) {
        if (batch.getShape().get(2) == size.height() && batch.getShape().get(3) == size.width()) {
            return batch;
        }
        try (NDArray nhwc = batch.transpose(0, 2, 3, 1);
                NDArray resized =
                        NDImageUtils.resize(
                                nhwc, size.width(), size.height(), Image.Interpolation.BILINEAR)) {
            return resized.transpose(0, 3, 1, 2);
        }
    }
}
