package dev.classify.models;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import dev.classify.api.ModelProvider;
import dev.classify.api.ModelSpec;
import dev.classify.api.OptionInfo;
import dev.classify.api.Options;
import java.util.List;

/**
 * The classic small convolutional network of the PyTorch MNIST example, the course baseline: two
 * convolution + 2x2 max-pool + ReLU stages, then two fully connected layers.
 *
 * <p>With the defaults and a 1x28x28 input: conv 5x5 (1 to 10 channels, no padding), max-pool,
 * ReLU, conv 5x5 (10 to 20), max-pool, ReLU, flatten (320), linear 320 to 50, ReLU, linear 50 to
 * 10; 21,840 parameters for 10 classes.
 *
 * <p>Options: {@code kernelSize} (odd, default 5), {@code channels} (two widths, default [10, 20]),
 * {@code hidden} (units of the first fully connected layer, default 50), {@code dropout} (rate
 * before the last layer, in [0, 1), default 0). The input must be large enough that both stages
 * leave at least one pixel.
 */
public final class SimpleCnnProvider implements ModelProvider {

    @Override
    public String name() {
        return "simple-cnn";
    }

    @Override
    public String description() {
        return "two conv + max-pool stages and two fully connected layers (the MNIST baseline)";
    }

    @Override
    public List<OptionInfo> options() {
        return List.of(
                new OptionInfo("kernelSize", "5", "size of both convolutions' square kernels, odd"),
                new OptionInfo("channels", "[10, 20]", "output channels of the two convolutions"),
                new OptionInfo("hidden", "50", "units of the first fully connected layer"),
                new OptionInfo("dropout", "0", "dropout rate before the last layer, in [0, 1)"));
    }

    @Override
    public Block create(ModelSpec spec) {
        Options options = spec.options();
        int kernelSize = options.intValue("kernelSize", 5);
        List<Integer> channels = options.intList("channels", List.of(10, 20));
        int hidden = options.intValue("hidden", 50);
        double dropout = options.doubleValue("dropout", 0);
        options.check(
                kernelSize >= 1 && kernelSize % 2 == 1,
                "kernelSize",
                "must be a positive odd number, got " + kernelSize);
        options.check(
                channels.size() == 2 && channels.stream().allMatch(c -> c >= 1),
                "channels",
                "must be two positive widths, got " + channels);
        options.check(hidden >= 1, "hidden", "must be at least 1, got " + hidden);
        options.check(dropout >= 0 && dropout < 1, "dropout", "must be in [0, 1), got " + dropout);
        int height = (spec.inputHeight() - kernelSize + 1) / 2;
        height = (height - kernelSize + 1) / 2;
        int width = (spec.inputWidth() - kernelSize + 1) / 2;
        width = (width - kernelSize + 1) / 2;
        options.check(
                height >= 1 && width >= 1,
                "kernelSize",
                "input "
                        + spec.inputHeight()
                        + "x"
                        + spec.inputWidth()
                        + " is too small for two "
                        + kernelSize
                        + "x"
                        + kernelSize
                        + " conv + 2x2 pool stages");
        options.validate();

        SequentialBlock block = new SequentialBlock();
        for (int filters : channels) {
            block.add(
                            Conv2d.builder()
                                    .setKernelShape(new Shape(kernelSize, kernelSize))
                                    .setFilters(filters)
                                    .build())
                    .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                    .add(Activation.reluBlock());
        }
        block.add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation.reluBlock());
        if (dropout > 0) {
            block.add(Dropout.builder().optRate((float) dropout).build());
        }
        block.add(Linear.builder().setUnits(spec.numClasses()).build());
        return block;
    }
}
