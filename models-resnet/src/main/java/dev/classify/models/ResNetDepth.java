package dev.classify.models;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The depths of He et al. 2015 and their stage layouts: residual units per stage, the stages'
 * widths, and whether a unit is a basic block (two 3x3 convolutions) or a bottleneck (1x1, 3x3,
 * 1x1, expanding channels by {@link ResNetBuilder#BOTTLENECK_EXPANSION}).
 *
 * <p>Depths 18 to 152 are the ImageNet networks of table 1: four stages 64, 128, 256 and 512
 * channels wide. Depths 20, 32, 44, 56 and 110 are the CIFAR-10 networks of section 4.2: three
 * stages 16, 32 and 64 channels wide, of (depth - 2) / 6 basic units each. Unlike the paper's
 * option A (zero-padded identity), their shortcuts where the shape changes are projections (1x1
 * conv + BN, the paper's option B), as in every other depth here.
 */
enum ResNetDepth {
    RESNET_18(18, false, Widths.IMAGENET, 2, 2, 2, 2),
    RESNET_20(20, false, Widths.CIFAR, 3, 3, 3),
    RESNET_32(32, false, Widths.CIFAR, 5, 5, 5),
    RESNET_34(34, false, Widths.IMAGENET, 3, 4, 6, 3),
    RESNET_44(44, false, Widths.CIFAR, 7, 7, 7),
    RESNET_50(50, true, Widths.IMAGENET, 3, 4, 6, 3),
    RESNET_56(56, false, Widths.CIFAR, 9, 9, 9),
    RESNET_101(101, true, Widths.IMAGENET, 3, 4, 23, 3),
    RESNET_110(110, false, Widths.CIFAR, 18, 18, 18),
    RESNET_152(152, true, Widths.IMAGENET, 3, 8, 36, 3);

    private final int layers;
    private final boolean bottleneck;
    private final int[] widths;

    /** Stage widths; in a holder class because enum constants cannot use the enum's statics. */
    private static final class Widths {
        static final int[] IMAGENET = {64, 128, 256, 512};
        static final int[] CIFAR = {16, 32, 64};
    }

    private final int[] unitsPerStage;

    ResNetDepth(int layers, boolean bottleneck, int[] widths, int... unitsPerStage) {
        this.layers = layers;
        this.bottleneck = bottleneck;
        this.widths = widths;
        this.unitsPerStage = unitsPerStage;
    }

    /** Returns the layout of {@code layers} weighted layers, if it is one of the paper's. */
    static Optional<ResNetDepth> of(int layers) {
        return Arrays.stream(values()).filter(d -> d.layers == layers).findFirst();
    }

    /** Returns the supported depths in increasing order, e.g. for an error message. */
    static List<Integer> supported() {
        return Arrays.stream(values()).map(d -> d.layers).toList();
    }

    /** Returns whether the residual units are bottlenecks (depth 50 and more). */
    boolean bottleneck() {
        return bottleneck;
    }

    /** Returns the number of stages: 4 for the ImageNet depths, 3 for the CIFAR ones. */
    int stages() {
        return unitsPerStage.length;
    }

    /**
     * Returns the width (3x3 convolution channels, before any width multiplier) of stage {@code
     * stage} (0-based).
     */
    int width(int stage) {
        return widths[stage];
    }

    /** Returns the number of residual units in stage {@code stage} (0-based). */
    int units(int stage) {
        return unitsPerStage[stage];
    }
}
