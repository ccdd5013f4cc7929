package dev.classify.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.classify.api.Augmenter;
import dev.classify.api.ConfigurationException;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * (x - mean[c]) / std[c] for every channel c of an NCHW batch. Keeps the shape; the range becomes
 * [(0 - mean) / std, (1 - mean) / std].
 */
final class Normalize implements Augmenter {
    private final String path;
    private final List<Double> mean;
    private final List<Double> std;

    Normalize(String path, List<Double> mean, List<Double> std) {
        this.path = path;
        this.mean = List.copyOf(mean);
        this.std = List.copyOf(std);
    }

    @Override
    public int[] outputShape(int[] chw) {
        int channels = chw[0];
        for (List<Double> values : List.of(mean, std)) {
            if (values.size() != 1 && values.size() != channels) {
                throw new ConfigurationException(
                        path,
                        "mean and std give "
                                + values.size()
                                + " values for "
                                + (channels == 1 ? "1-channel" : channels + "-channel")
                                + " images; give one value, or one per channel"
                                + (channels == 1 && values.size() == 3
                                        ? " (or put {type: to-rgb} before normalize)"
                                        : ""));
            }
        }
        return chw.clone();
    }

    @Override
    public NDArray apply(NDArray batch, RandomGenerator random) {
        int channels = Math.toIntExact(batch.getShape().get(1));
        outputShape(new int[] {channels, 1, 1});
        float[] shift = new float[channels];
        float[] scale = new float[channels];
        for (int c = 0; c < channels; c++) {
            shift[c] = mean.get(mean.size() == 1 ? 0 : c).floatValue();
            scale[c] = 1f / std.get(std.size() == 1 ? 0 : c).floatValue();
        }
        Shape perChannel = new Shape(1, channels, 1, 1);
        NDArray meanArray = batch.getManager().create(shift, perChannel);
        NDArray scaleArray = batch.getManager().create(scale, perChannel);
        return batch.sub(meanArray).muli(scaleArray);
    }
}
