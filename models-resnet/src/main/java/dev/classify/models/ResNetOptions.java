package dev.classify.models;

import dev.classify.api.ModelSpec;
import dev.classify.api.OptionInfo;
import dev.classify.api.Options;
import java.util.List;
import java.util.Optional;

/**
 * The options shared by {@code resnet} and {@code se-resnet}, read from a {@link ModelSpec}.
 *
 * @param depth the layout, from option {@code depth} (default 18)
 * @param stem the stem, from option {@code stem} (default: {@code small} for inputs of at most
 *     64x64, else {@code imagenet})
 * @param width the channel multiplier, from option {@code width} (default 1.0)
 * @param dropPath the stochastic depth rate of the last residual unit, from option {@code dropPath}
 *     (default 0: no unit is ever dropped); see {@link #dropRate(int, int)}
 */
record ResNetOptions(ResNetDepth depth, ResNetStem stem, double width, double dropPath) {
    /** The largest width multiplier accepted; beyond it channel counts overflow memory anyway. */
    static final double MAX_WIDTH = 16;

    /**
     * Reads {@code depth}, {@code stem}, {@code width} and {@code dropPath} from {@code spec}'s
     * options, recording every problem in them without throwing; the caller reads its own options,
     * then calls {@link Options#validate()}. Invalid values are replaced by their defaults in the
     * result.
     */
    static ResNetOptions read(ModelSpec spec) {
        Options options = spec.options();
        int layers = options.intValue("depth", 18);
        Optional<ResNetDepth> depth = ResNetDepth.of(layers);
        options.check(
                depth.isPresent(),
                "depth",
                "must be one of " + ResNetDepth.supported() + ", got " + layers);

        ResNetStem defaultStem = ResNetStem.defaultFor(spec.inputHeight(), spec.inputWidth());
        String stemName = options.stringValue("stem", defaultStem.optionName());
        Optional<ResNetStem> stem = ResNetStem.named(stemName);
        options.check(
                stem.isPresent(),
                "stem",
                "must be one of " + ResNetStem.optionNames() + ", got '" + stemName + "'");

        double width = options.doubleValue("width", 1.0);
        options.check(width > 0, "width", "must be positive, got " + width);
        options.check(
                !(width > MAX_WIDTH), "width", "must be at most " + MAX_WIDTH + ", got " + width);
        boolean widthValid = width > 0 && width <= MAX_WIDTH;

        double dropPath = options.doubleValue("dropPath", 0);
        boolean dropPathValid = dropPath >= 0 && dropPath < 1;
        options.check(dropPathValid, "dropPath", "must be in [0, 1), got " + dropPath);

        return new ResNetOptions(
                depth.orElse(ResNetDepth.RESNET_18),
                stem.orElse(defaultStem),
                widthValid ? width : 1.0,
                dropPathValid ? dropPath : 0);
    }

    /** Describes depth, stem, width and dropPath for {@code classify models}. */
    static List<OptionInfo> describe() {
        return List.of(
                new OptionInfo(
                        "depth",
                        "18",
                        "layers: 18 or 34 (basic units), 50, 101 or 152 (bottleneck units);"
                                + " 20, 32, 44, 56 or 110 (CIFAR layout, 16..64 channels)"),
                new OptionInfo(
                        "stem",
                        "small up to 64x64 inputs, else imagenet",
                        "imagenet: 7x7/2 conv + 3x3/2 max-pool; small: 3x3/1 conv, no pool"),
                new OptionInfo("width", "1.0", "multiplies every stage's channels"),
                new OptionInfo(
                        "dropPath",
                        "0",
                        "stochastic depth: the last residual unit's rate of dropping its branch"
                                + " per sample in training, in [0, 1); the rate rises linearly"
                                + " from 0 at the first unit"));
    }

    /**
     * Returns the drop rate of residual unit {@code unit} (0-based, counted over all stages) of
     * {@code units}: {@code dropPath * unit / (units - 1)}, rising linearly from 0 at the first
     * unit to {@code dropPath} at the last. This is timm's rule ({@code drop_path_rate * block_idx
     * / (num_blocks - 1)}); Huang et al. 2016 give unit l of L the rate {@code l / L * p_L}, which
     * drops the first unit too.
     */
    double dropRate(int unit, int units) {
        return units <= 1 ? 0 : dropPath * unit / (units - 1);
    }

    /** Returns {@code channels} times the width multiplier, rounded, at least 1. */
    int scaled(int channels) {
        return Math.max(1, (int) Math.round(channels * width));
    }
}
