package dev.classify.models;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import dev.classify.api.ModelProvider;
import dev.classify.api.ModelSpec;
import dev.classify.api.OptionInfo;
import dev.classify.api.Options;
import java.util.List;

/**
 * {@code resnet9}: the nine-layer residual network David Page trained to 94% on CIFAR-10 in the
 * fastest DAWNBench entry of 2018 (Myrtle.ai, "How to Train Your ResNet", parts 1 to 8), a network
 * built to learn much per second: few layers, most of them at low resolution, pooling right after
 * each widening convolution.
 *
 * <p>Layout, with c = 64 times {@code width}: {@code prep} (3x3 conv to c channels, BN, ReLU);
 * {@code layer1} (3x3 conv to 2c, BN, ReLU, 2x2 max-pool, then a residual unit {@code x + f(x)}
 * whose branch f is two conv-BN-ReLU of 2c channels); {@code layer2} (3x3 conv to 4c, BN, ReLU, 2x2
 * max-pool); {@code layer3} (3x3 conv to 8c, BN, ReLU, 2x2 max-pool, a residual unit of 8c); {@code
 * pool} (global max pooling); {@code flatten}; {@code classifier} (a fully connected layer to the
 * classes, without bias); {@code scale} (the logits times {@code scale}, 0.125 in the original).
 * Convolutions have padding 1 and no bias. The residual units are {@link ResidualBlock}s, whose
 * ReLU after the sum changes nothing here: both the input and the branch's output come from a ReLU.
 * With 1x28x28 input (28, 14, 7, 3 pixels per side through the layers), 10 classes and width 1 it
 * has 6,571,968 trainable parameters and takes 0.28 GMAC a forward pass, about nine times ResNet-18
 * at width 0.25 with the small stem; at width 0.25, 412,656 parameters.
 *
 * <p>Input: float32 (N, C, H, W) with C, H and W of the {@link ModelSpec} (any C >= 1, H and W at
 * least 8). Output: (N, numClasses) scaled logits.
 *
 * <p>Options: {@code width}, the multiplier of every layer's channels, rounded to an integer of at
 * least 1, in (0, 16], default 1.0; {@code scale}, the factor of the logits, positive, default
 * 0.125.
 *
 * <p>Stateless and thread safe.
 */
public final class ResNet9Provider implements ModelProvider {
    /** The channels of prep, layer1, layer2 and layer3 at width 1. */
    private static final int[] WIDTHS = {64, 128, 256, 512};

    /** The smallest input side: three 2x2 poolings must leave a pixel. */
    private static final int MIN_SIDE = 8;

    @Override
    public String name() {
        return "resnet9";
    }

    @Override
    public String description() {
        return "ResNet-9 of Page's DAWNBench entry (2018): 8 convolutions, fast to train";
    }

    @Override
    public List<OptionInfo> options() {
        return List.of(
                new OptionInfo("width", "1.0", "multiplies every layer's channels (64 to 512)"),
                new OptionInfo("scale", "0.125", "multiplies the logits, positive"));
    }

    @Override
    public Block create(ModelSpec spec) {
        Options options = spec.options();
        double width = options.doubleValue("width", 1.0);
        options.check(
                width > 0 && width <= ResNetOptions.MAX_WIDTH,
                "width",
                "must be in (0, " + ResNetOptions.MAX_WIDTH + "], got " + width);
        double scale = options.doubleValue("scale", 0.125);
        options.check(
                scale > 0 && Double.isFinite(scale), "scale", "must be positive, got " + scale);
        options.check(
                spec.inputHeight() >= MIN_SIDE && spec.inputWidth() >= MIN_SIDE,
                "type",
                "resnet9 needs images of at least "
                        + MIN_SIDE
                        + "x"
                        + MIN_SIDE
                        + " pixels, got "
                        + spec.inputHeight()
                        + "x"
                        + spec.inputWidth());
        options.validate();
        int[] channels = new int[WIDTHS.length];
        for (int i = 0; i < WIDTHS.length; i++) {
            channels[i] = Math.max(1, (int) Math.round(WIDTHS[i] * width));
        }
        float factor = (float) scale;
        return new NamedSequentialBlock()
                .add("prep", convBnRelu(channels[0]))
                .add("layer1", layer(channels[1], true))
                .add("layer2", layer(channels[2], false))
                .add("layer3", layer(channels[3], true))
                .add("pool", Pool.globalMaxPool2dBlock())
                .add("flatten", Blocks.batchFlattenBlock())
                .add(
                        "classifier",
                        Linear.builder().setUnits(spec.numClasses()).optBias(false).build())
                .add(
                        "scale",
                        new LambdaBlock(
                                logits -> new NDList(logits.singletonOrThrow().mul(factor)),
                                "scale"));
    }

    /** Conv-BN-ReLU to {@code channels}, 2x2 max-pool, then a residual unit if asked. */
    private static Block layer(int channels, boolean residual) {
        NamedSequentialBlock layer =
                new NamedSequentialBlock()
                        .add("conv", convBnRelu(channels))
                        .add("pool", Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        if (residual) {
            Block branch =
                    new NamedSequentialBlock()
                            .add("unit1", convBnRelu(channels))
                            .add("unit2", convBnRelu(channels));
            layer.add("residual", ResidualBlock.withIdentity(branch, 0));
        }
        return layer;
    }

    private static Block convBnRelu(int channels) {
        return new NamedSequentialBlock()
                .add(
                        "conv",
                        Conv2d.builder()
                                .setFilters(channels)
                                .setKernelShape(new Shape(3, 3))
                                .optPadding(new Shape(1, 1))
                                .optBias(false)
                                .build())
                .add("bn", BatchNorm.builder().build())
                .add("relu", Activation.reluBlock());
    }
}
