package dev.classify.augment;

import dev.classify.api.Augmenter;
import dev.classify.api.AugmenterProvider;
import dev.classify.api.Options;
import java.util.List;

/**
 * {@code normalize}: subtracts a per-channel mean and divides by a per-channel standard deviation.
 *
 * <p>Options: {@code mean} and {@code std}, each one value (for every channel) or one per channel;
 * every {@code std} positive. Defaults: mean 0.5, std 0.5, which maps [0, 1] to [-1, 1]. The value
 * {@code auto} is the training host's to replace with the training images' statistics before this
 * provider sees it; left unresolved it is an error saying so.
 */
public final class NormalizeProvider implements AugmenterProvider {

    @Override
    public String name() {
        return "normalize";
    }

    @Override
    public String description() {
        return "subtracts a per-channel mean and divides by a per-channel standard deviation";
    }

    @Override
    public Augmenter create(Options options) {
        List<Double> mean = numbers(options, "mean");
        List<Double> std = numbers(options, "std");
        options.check(!mean.isEmpty(), "mean", "must have at least one value");
        options.check(
                !std.isEmpty() && std.stream().allMatch(s -> s > 0 && Double.isFinite(s)),
                "std",
                "must be positive numbers, got " + std);
        options.check(
                mean.stream().allMatch(Double::isFinite), "mean", "must be finite, got " + mean);
        options.check(
                mean.size() == std.size() || mean.size() == 1 || std.size() == 1,
                "std",
                "has " + std.size() + " values but mean has " + mean.size());
        options.validate();
        return new Normalize(options.path(), mean, std);
    }

    private static List<Double> numbers(Options options, String key) {
        if (options.has(key) && "auto".equals(options.asMap().get(key))) {
            options.problem(
                    key,
                    "auto is computed from the training images by 'classify train', which"
                            + " replaces it with numbers; give numbers here");
            return List.of(0.5);
        }
        return options.doubleList(key, List.of(0.5));
    }
}
