package dev.classify.models;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The depths of He et al. 2015 (table 1) and their stage layouts: residual units per stage, and
 * whether a unit is a basic block (two 3x3 convolutions) or a bottleneck (1x1, 3x3, 1x1, expanding
 * channels by {@link ResNetBuilder#BOTTLENECK_EXPANSION}).
 */
enum ResNetDepth {
    RESNET_18(18, false, 2, 2, 2, 2),
    RESNET_34(34, false, 3, 4, 6, 3),
    RESNET_50(50, true, 3, 4, 6, 3),
    RESNET_101(101, true, 3, 4, 23, 3),
    RESNET_152(152, true, 3, 8, 36, 3);

    private final int layers;
    private final boolean bottleneck;
    private final int[] unitsPerStage;

    ResNetDepth(int layers, boolean bottleneck, int... unitsPerStage) {
        this.layers = layers;
        this.bottleneck = bottleneck;
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

    /** Returns the number of stages (always 4). */
    int stages() {
        return unitsPerStage.length;
    }

    /** Returns the number of residual units in stage {@code stage} (0-based). */
    int units(int stage) {
        return unitsPerStage[stage];
    }
}
