package dev.classify.models;

import static java.util.Objects.requireNonNull;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;

/**
 * Builds the ResNet of He et al. 2015 in torchvision's layout, optionally with a
 * squeeze-and-excitation block (Hu et al. 2017) in every residual unit.
 *
 * <p>Layout: {@code stem}; {@code stage1} to {@code stage4} ({@code stage3} for the CIFAR depths),
 * each a sequence {@code block1}, {@code block2}, ... of {@link ResidualBlock}s whose first unit of
 * every stage but the first halves the resolution; {@code pool} (global average), {@code flatten},
 * {@code classifier} (fully connected, with bias, to the number of classes). Stage widths are 64,
 * 128, 256, 512 (CIFAR depths: 16, 32, 64) times the width multiplier; the stem has the first
 * stage's width. Convolutions have no bias and each is followed by batch norm (DJL defaults:
 * epsilon 1e-5, momentum 0.9).
 *
 * <ul>
 *   <li>Basic unit (depth 18, 34): 3x3 conv (stride s), BN, ReLU, 3x3 conv, BN.
 *   <li>Bottleneck unit (depth 50+): 1x1 conv, BN, ReLU, 3x3 conv (stride s, as in torchvision's
 *       "v1.5"), BN, ReLU, 1x1 conv to 4x the width, BN.
 * </ul>
 *
 * The squeeze-and-excitation block, when asked for, ends the residual branch (after its last BN,
 * before the addition). The shortcut is a 1x1 conv with stride s plus BN where the shape changes,
 * the identity otherwise. With {@code dropPath} > 0 the units drop their residual branches in
 * training (stochastic depth, {@link ResNetOptions#dropRate}). Not thread safe; use one builder per
 * network.
 */
final class ResNetBuilder {
    /** Output channels of a bottleneck unit per channel of its 3x3 convolution. */
    static final int BOTTLENECK_EXPANSION = 4;

    private final ResNetOptions options;
    private final int numClasses;
    private final int reduction;

    private ResNetBuilder(ResNetOptions options, int numClasses, int reduction) {
        this.options = requireNonNull(options, "options is null");
        this.numClasses = numClasses;
        this.reduction = reduction;
    }

    /** Returns a builder of plain ResNets. */
    static ResNetBuilder resNet(ResNetOptions options, int numClasses) {
        return new ResNetBuilder(options, numClasses, 0);
    }

    /**
     * Returns a builder of SE-ResNets whose gates have reduction ratio {@code reduction} (>= 1).
     */
    static ResNetBuilder seResNet(ResNetOptions options, int numClasses, int reduction) {
        if (reduction < 1) {
            throw new IllegalArgumentException("reduction must be at least 1, got " + reduction);
        }
        return new ResNetBuilder(options, numClasses, reduction);
    }

    /**
     * Builds a new, uninitialised network taking float32 (N, C, H, W) input (C is fixed when the
     * block is initialised) and returning (N, numClasses) logits.
     */
    Block build() {
        int channels = options.scaled(options.depth().width(0));
        NamedSequentialBlock network = new NamedSequentialBlock().add("stem", stem(channels));
        ResNetDepth depth = options.depth();
        int allUnits = 0;
        for (int stage = 0; stage < depth.stages(); stage++) {
            allUnits += depth.units(stage);
        }
        int index = 0;
        for (int stage = 0; stage < depth.stages(); stage++) {
            int width = options.scaled(depth.width(stage));
            NamedSequentialBlock units = new NamedSequentialBlock();
            for (int unit = 0; unit < depth.units(stage); unit++) {
                int stride = stage > 0 && unit == 0 ? 2 : 1;
                int outChannels = depth.bottleneck() ? width * BOTTLENECK_EXPANSION : width;
                Block residual =
                        depth.bottleneck()
                                ? bottleneckBranch(width, outChannels, stride)
                                : basicBranch(width, stride);
                double dropRate = options.dropRate(index++, allUnits);
                units.add(
                        "block" + (unit + 1),
                        stride == 1 && channels == outChannels
                                ? ResidualBlock.withIdentity(residual, dropRate)
                                : ResidualBlock.withProjection(
                                        residual, projection(outChannels, stride), dropRate));
                channels = outChannels;
            }
            network.add("stage" + (stage + 1), units);
        }
        return network.add("pool", Pool.globalAvgPool2dBlock())
                .add("flatten", Blocks.batchFlattenBlock())
                .add("classifier", Linear.builder().setUnits(numClasses).build());
    }

    private Block stem(int channels) {
        NamedSequentialBlock stem = new NamedSequentialBlock();
        if (options.stem() == ResNetStem.IMAGENET) {
            stem.add("conv", conv(channels, 7, 2, 3))
                    .add("bn", batchNorm())
                    .add("relu", Activation.reluBlock())
                    .add("pool", Pool.maxPool2dBlock(square(3), square(2), square(1)));
        } else {
            stem.add("conv", conv(channels, 3, 1, 1))
                    .add("bn", batchNorm())
                    .add("relu", Activation.reluBlock());
        }
        return stem;
    }

    private Block basicBranch(int width, int stride) {
        NamedSequentialBlock branch =
                new NamedSequentialBlock()
                        .add("conv1", conv(width, 3, stride, 1))
                        .add("bn1", batchNorm())
                        .add("relu1", Activation.reluBlock())
                        .add("conv2", conv(width, 3, 1, 1))
                        .add("bn2", batchNorm());
        return withSqueezeExcitation(branch, width);
    }

    private Block bottleneckBranch(int width, int outChannels, int stride) {
        NamedSequentialBlock branch =
                new NamedSequentialBlock()
                        .add("conv1", conv(width, 1, 1, 0))
                        .add("bn1", batchNorm())
                        .add("relu1", Activation.reluBlock())
                        .add("conv2", conv(width, 3, stride, 1))
                        .add("bn2", batchNorm())
                        .add("relu2", Activation.reluBlock())
                        .add("conv3", conv(outChannels, 1, 1, 0))
                        .add("bn3", batchNorm());
        return withSqueezeExcitation(branch, outChannels);
    }

    private Block withSqueezeExcitation(NamedSequentialBlock branch, int channels) {
        return reduction == 0
                ? branch
                : branch.add("se", new SqueezeExcitationBlock(channels, reduction));
    }

    private static Block projection(int outChannels, int stride) {
        return new NamedSequentialBlock()
                .add("conv", conv(outChannels, 1, stride, 0))
                .add("bn", batchNorm());
    }

    private static Block conv(int filters, int kernel, int stride, int padding) {
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(square(kernel))
                .optStride(square(stride))
                .optPadding(square(padding))
                .optBias(false)
                .build();
    }

    private static Block batchNorm() {
        return BatchNorm.builder().build();
    }

    private static Shape square(int size) {
        return new Shape(size, size);
    }
}
