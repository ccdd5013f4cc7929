package dev.classify.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.classify.api.ConfigurationException;
import dev.classify.api.HostAugmenter;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * (x - mean[c]) / std[c] for every channel c of an NCHW batch. Keeps the shape; the range becomes
 * [(0 - mean) / std, (1 - mean) / std]. Runs on a Java array as well ({@link HostAugmenter}).
 */
final class Normalize implements HostAugmenter {
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
        Shape perChannel = new Shape(1, channels, 1, 1);
        NDArray meanArray = batch.getManager().create(shift(channels), perChannel);
        NDArray scaleArray = batch.getManager().create(scale(channels), perChannel);
        return batch.sub(meanArray).muli(scaleArray);
    }

    /** As {@link #apply}, in place: the same subtraction, then the same reciprocal product. */
    @Override
    public float[] applyOnHost(float[] pixels, Shape shape, RandomGenerator random) {
        int channels = Math.toIntExact(shape.get(1));
        outputShape(new int[] {channels, 1, 1});
        float[] shift = shift(channels);
        float[] scale = scale(channels);
        int plane = Math.toIntExact(shape.get(2) * shape.get(3));
        for (int start = 0; start < pixels.length; start += plane) {
            int c = (start / plane) % channels;
            for (int i = start; i < start + plane; i++) {
                pixels[i] = (pixels[i] - shift[c]) * scale[c];
            }
        }
        return pixels;
    }

    /** The mean of each of {@code channels} channels, as float32. */
    private float[] shift(int channels) {
        float[] shift = new float[channels];
        for (int c = 0; c < channels; c++) {
            shift[c] = mean.get(mean.size() == 1 ? 0 : c).floatValue();
        }
        return shift;
    }

    /** 1 / std of each of {@code channels} channels, as float32. */
    private float[] scale(int channels) {
        float[] scale = new float[channels];
        for (int c = 0; c < channels; c++) {
            scale[c] = 1f / std.get(std.size() == 1 ? 0 : c).floatValue();
        }
        return scale;
    }
}
