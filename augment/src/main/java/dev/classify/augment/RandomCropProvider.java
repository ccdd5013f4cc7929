package dev.classify.augment;

import dev.classify.api.Augmenter;
import dev.classify.api.AugmenterProvider;
import dev.classify.api.OptionInfo;
import dev.classify.api.Options;
import java.util.List;

/**
 * {@code random-crop}: pads every image, then crops it at a random position of its own; {@code
 * size: 28, padding: 4} on 28x28 images is the usual Fashion-MNIST/CIFAR shift augmentation.
 *
 * <p>Options: {@code size}, required: one positive integer (a square) or {@code [height, width]};
 * {@code padding}, pixels added on every side (default 0); {@code mode}, what the padding holds:
 * {@code zero} (default) or {@code reflect} (mirrored without repeating the edge pixel).
 */
public final class RandomCropProvider implements AugmenterProvider {

    @Override
    public String name() {
        return "random-crop";
    }

    @Override
    public String description() {
        return "pads every image, then crops it at a random position";
    }

    @Override
    public List<OptionInfo> options() {
        return List.of(
                new OptionInfo(
                        "size",
                        "required",
                        "crop size in pixels: one integer for a square, or [height, width]"),
                new OptionInfo("padding", "0", "pixels added on every side before cropping"),
                new OptionInfo(
                        "mode",
                        "zero",
                        "padding values: zero, or reflect (mirrored, edge pixel not repeated)"));
    }

    @Override
    public Augmenter create(Options options) {
        var size = ImageSize.read(options, "size");
        int padding = options.intValue("padding", 0);
        options.check(padding >= 0, "padding", "must be >= 0, got " + padding);
        String mode = options.stringValue("mode", RandomCrop.Mode.ZERO.label());
        var parsed = RandomCrop.Mode.of(mode);
        options.check(
                parsed.isPresent(),
                "mode",
                "unknown mode '" + mode + "'; known: " + RandomCrop.Mode.labels());
        options.validate();
        return new RandomCrop(
                options.pathOf("size"),
                options.pathOf("padding"),
                size.orElseThrow(),
                padding,
                parsed.orElseThrow());
    }
}
