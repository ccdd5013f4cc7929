package dev.classify.engine.data;

import dev.classify.api.ConfigurationException;
import dev.classify.api.ImageSet;
import dev.classify.engine.config.AugmentConfig;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.config.PluginConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves {@code mean: auto} and {@code std: auto} of {@code normalize} steps into numbers: the
 * per-channel mean and population standard deviation (numpy's {@code x.mean()}, {@code x.std()}) of
 * the training images' pixels as the dataset delivers them, in [0, 1] (uint8 divided by 255), over
 * the training split only, never the hold-out. Computed once, before training, and logged; the
 * numbers then stand in the configuration, so the run's {@code config.yaml} and the saved model's
 * evaluation steps carry them, and {@code predict} and {@code evaluate} need no training images.
 *
 * <p>Raw pixels, not the output of the steps before {@code normalize}: the random steps of a
 * training list have no single output, and published statistics (Fashion-MNIST's 0.286 and 0.353,
 * ImageNet's) are computed so as well. A {@code to-rgb} before {@code normalize} copies the gray
 * channel, so that one value for every channel is exact; resizing and cropping shift the statistics
 * a little (interpolation, zero padding). One-channel images give one value, which {@code
 * normalize} applies to every channel.
 */
public final class NormalizeStatistics {
    /** The option value asking for the statistics of the training images. */
    static final String AUTO = "auto";

    private static final String TYPE = "normalize";
    private static final List<String> KEYS = List.of("mean", "std");

    private NormalizeStatistics() {}

    /**
     * The per-channel statistics of some images.
     *
     * @param mean the mean of each channel's pixels
     * @param std the population standard deviation of each channel's pixels
     * @param images how many images they were computed from
     */
    public record Statistics(double[] mean, double[] std, int images) {
        /** Returns the values of {@code key}, {@code mean} or {@code std}, as a list. */
        List<Double> values(String key) {
            double[] values = key.equals("mean") ? mean : std;
            return Arrays.stream(values).boxed().toList();
        }
    }

    /** Returns whether a {@code normalize} step of {@code augment} asks for {@code auto}. */
    static boolean wanted(AugmentConfig augment) {
        return augment.train().stream().anyMatch(NormalizeStatistics::isAuto)
                || augment.eval().stream().anyMatch(NormalizeStatistics::isAuto);
    }

    private static boolean isAuto(PluginConfig step) {
        return step.type().equals(TYPE)
                && KEYS.stream().anyMatch(key -> AUTO.equals(step.options().get(key)));
    }

    /**
     * Returns {@code config} with every {@code auto} of a {@code normalize} step replaced by the
     * statistics of {@code images[indices]}; {@code config} itself when there is none.
     *
     * @throws ConfigurationException when a channel is constant over those images (std 0)
     */
    public static PipelineConfig resolve(PipelineConfig config, ImageSet images, int[] indices) {
        if (!wanted(config.augment())) {
            return config;
        }
        Statistics statistics = compute(images, indices);
        // Not a static logger: the configuration check loads this class before the command line
        // sends logging to the run's train.log, and the first logger fixes where logs go.
        Logger log = LoggerFactory.getLogger(NormalizeStatistics.class);
        log.info(
                "normalize auto: mean {}, std {} per channel, from {} training images",
                format(statistics.mean()),
                format(statistics.std()),
                statistics.images());
        for (int c = 0; c < statistics.std().length; c++) {
            if (!(statistics.std()[c] > 0)) {
                throw new ConfigurationException(
                        autoStdPath(config.augment()),
                        "is auto, but channel "
                                + c
                                + " of the training images is constant (std 0); give numbers");
            }
        }
        AugmentConfig augment =
                new AugmentConfig(
                        replace(config.augment().train(), statistics),
                        replace(config.augment().eval(), statistics));
        return new PipelineConfig(
                config.data(),
                config.model(),
                augment,
                config.train(),
                config.output(),
                config.engine(),
                config.listeners());
    }

    /** The path of the first {@code std: auto}, for a message. */
    private static String autoStdPath(AugmentConfig augment) {
        for (String list : List.of("train", "eval")) {
            List<PluginConfig> steps = list.equals("train") ? augment.train() : augment.eval();
            for (int i = 0; i < steps.size(); i++) {
                if (steps.get(i).type().equals(TYPE)
                        && AUTO.equals(steps.get(i).options().get("std"))) {
                    return "augment." + list + "[" + i + "].std";
                }
            }
        }
        return "augment";
    }

    /**
     * Returns {@code steps} with {@code auto} replaced by the nominal mean 0 and std 1, so that the
     * other options can be checked before the images are read.
     */
    public static List<PluginConfig> nominal(List<PluginConfig> steps) {
        return replace(steps, new Statistics(new double[] {0}, new double[] {1}, 0));
    }

    private static List<PluginConfig> replace(List<PluginConfig> steps, Statistics statistics) {
        List<PluginConfig> result = new ArrayList<>();
        for (PluginConfig step : steps) {
            if (!isAuto(step)) {
                result.add(step);
                continue;
            }
            Map<String, Object> options = new LinkedHashMap<>(step.options());
            for (String key : KEYS) {
                if (AUTO.equals(options.get(key))) {
                    options.put(key, statistics.values(key));
                }
            }
            result.add(new PluginConfig(step.type(), options));
        }
        return result;
    }

    /** Computes the per-channel mean and population standard deviation of {@code indices}. */
    public static Statistics compute(ImageSet images, int[] indices) {
        int channels = images.channels();
        int plane = images.height() * images.width();
        float[] pixels = new float[channels * plane];
        double[] sum = new double[channels];
        double[] squares = new double[channels];
        for (int index : indices) {
            images.copyPixels(index, pixels, 0);
            for (int c = 0; c < channels; c++) {
                // Per-image partial sums keep the double totals accurate over millions of pixels.
                double imageSum = 0;
                double imageSquares = 0;
                for (int i = c * plane; i < (c + 1) * plane; i++) {
                    double value = pixels[i];
                    imageSum += value;
                    imageSquares += value * value;
                }
                sum[c] += imageSum;
                squares[c] += imageSquares;
            }
        }
        double count = (double) indices.length * plane;
        double[] mean = new double[channels];
        double[] std = new double[channels];
        for (int c = 0; c < channels; c++) {
            mean[c] = sum[c] / count;
            std[c] = Math.sqrt(Math.max(0, squares[c] / count - mean[c] * mean[c]));
        }
        return new Statistics(mean, std, indices.length);
    }

    private static String format(double[] values) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            text.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", values[i]));
        }
        return text.append(']').toString();
    }
}
