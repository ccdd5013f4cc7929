package dev.classify.cli;

import dev.classify.engine.Classify;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.preview.AugmentPreview;
import dev.classify.engine.train.PreparedRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code classify augment-preview}: draws a grid PNG of what a configuration's augmentation does to
 * the first training images.
 */
@Command(
        name = "augment-preview",
        mixinStandardHelpOptions = true,
        description = {
            "Draws the augmentation as a grid PNG.",
            "One row per training image (the first --count): the image through augment.eval, "
                    + "then --variants versions through augment.train. Pixels are scaled by each "
                    + "image's own min/max, so normalized images show too."
        })
final class AugmentPreviewCommand implements Callable<Integer> {
    /** Keeps the grid within what a screen and an image viewer can show. */
    static final int MAX_COUNT = 100;

    static final int MAX_VARIANTS = 20;

    @Option(
            names = "--config",
            required = true,
            paramLabel = "FILE",
            description = "The YAML configuration.")
    Path config;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description =
                    "Overrides a configuration key, e.g. --set augment.train[0].probability=1"
                            + " (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(
            names = "--count",
            paramLabel = "N",
            defaultValue = "16",
            description =
                    "Images (rows) to show, the first of data.train (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(
            names = "--variants",
            paramLabel = "N",
            defaultValue = "6",
            description = "Augmented versions (columns) per image (default: ${DEFAULT-VALUE}).")
    int variants;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "42",
            description =
                    "Seed of the augmentation; the same seed draws the same grid (default:"
                            + " ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--output",
            required = true,
            paramLabel = "FILE",
            description = "The PNG to write, e.g. grid.png.")
    Path output;

    @Option(names = "--force", description = "Replace an existing output file.")
    boolean force;

    @Mixin PluginsOption plugins;

    @Override
    public Integer call() throws IOException {
        Logging.quiet();
        if (count < 1 || count > MAX_COUNT) {
            throw new UsageException("--count must be in 1.." + MAX_COUNT + ", got " + count);
        }
        if (variants < 1 || variants > MAX_VARIANTS) {
            throw new UsageException(
                    "--variants must be in 1.." + MAX_VARIANTS + ", got " + variants);
        }
        if (Files.isDirectory(output)) {
            throw new UsageException(output + ": is a folder; give a file name such as grid.png");
        }
        if (Files.exists(output) && !force) {
            throw new UsageException(output + ": exists; give --force to replace it");
        }
        CommandInputs.writableFolder(output.toAbsolutePath().getParent());
        Classify root = plugins.root();
        PipelineConfig pipelineConfig = root.configurationLoader().load(config, overrides);
        PreparedRun prepared = root.prepare(pipelineConfig);
        AugmentPreview preview = new AugmentPreview(prepared, count, variants, seed);
        preview.write(output);
        int rows = Math.min(count, prepared.train().size());
        System.out.println(
                "wrote "
                        + rows
                        + (rows == 1 ? " image" : " images")
                        + " x "
                        + variants
                        + (variants == 1 ? " variant" : " variants")
                        + " to "
                        + output);
        if (preview.mixesImages()) {
            System.out.println(
                    "note: mixup and cutmix mix the shown images with each other (a column is one"
                            + " batch); rows keep their own labels, training mixes the labels"
                            + " too");
        }
        return 0;
    }
}
