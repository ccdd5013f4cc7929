package dev.classify.augment;

import dev.classify.api.Augmenter;
import dev.classify.api.AugmenterProvider;
import dev.classify.api.OptionInfo;
import dev.classify.api.Options;
import java.util.List;
import java.util.Optional;

/**
 * {@code color-jitter}: torchvision's {@code ColorJitter}, brightness, contrast, saturation and hue
 * changed by random factors of each image's own.
 *
 * <p>Options, each absent (step skipped) by default: {@code brightness}, {@code contrast} and
 * {@code saturation} b &gt;= 0, factor uniform in [max(0, 1 - b), 1 + b]; {@code hue} h in [0,
 * 0.5], shift uniform in [-h, h]. Saturation and hue need 3-channel input.
 */
public final class ColorJitterProvider implements AugmenterProvider {

    @Override
    public String name() {
        return "color-jitter";
    }

    @Override
    public String description() {
        return "changes brightness, contrast, saturation and hue by random per-image factors";
    }

    @Override
    public List<OptionInfo> options() {
        return List.of(
                new OptionInfo(
                        "brightness",
                        "none",
                        "b >= 0: multiply by a factor uniform in [max(0, 1 - b), 1 + b]"),
                new OptionInfo(
                        "contrast",
                        "none",
                        "c >= 0: blend with the mean gray level, factor in [max(0, 1 - c), 1 + c]"),
                new OptionInfo(
                        "saturation",
                        "none",
                        "s >= 0: blend with the gray image, factor in [max(0, 1 - s), 1 + s];"
                                + " 3 channels only"),
                new OptionInfo(
                        "hue",
                        "none",
                        "h in [0, 0.5]: shift the HSV hue by a value in [-h, h]; 3 channels only"));
    }

    @Override
    public Augmenter create(Options options) {
        var brightness = factor(options, "brightness");
        var contrast = factor(options, "contrast");
        var saturation = factor(options, "saturation");
        Optional<NumberRange> hue = Optional.empty();
        if (options.has("hue")) {
            double h = options.doubleValue("hue", 0);
            options.check(h >= 0 && h <= 0.5, "hue", "must be in [0, 0.5], got " + h);
            hue = Optional.of(new NumberRange(-h, h));
        }
        options.check(
                brightness.isPresent()
                        || contrast.isPresent()
                        || saturation.isPresent()
                        || hue.isPresent(),
                "brightness",
                "changes nothing: set brightness, contrast, saturation or hue");
        options.validate();
        return new ColorJitter(options.path(), brightness, contrast, saturation, hue);
    }

    private static Optional<NumberRange> factor(Options options, String key) {
        if (!options.has(key)) {
            return Optional.empty();
        }
        double value = options.doubleValue(key, 0);
        options.check(value >= 0 && Double.isFinite(value), key, "must be >= 0, got " + value);
        return Optional.of(new NumberRange(Math.max(0, 1 - value), 1 + value));
    }
}
