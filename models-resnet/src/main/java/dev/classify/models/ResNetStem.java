package dev.classify.models;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The first layers of a ResNet, before the residual stages.
 *
 * <ul>
 *   <li>{@code imagenet}: 7x7 convolution with stride 2 and padding 3, batch norm, ReLU, 3x3
 *       max-pool with stride 2 and padding 1 (He et al. 2015): reduces the resolution by 4, for
 *       inputs of about 224x224.
 *   <li>{@code small}: 3x3 convolution with stride 1 and padding 1, batch norm, ReLU, no pooling:
 *       keeps the resolution, for 28x28 or 32x32 inputs.
 * </ul>
 */
enum ResNetStem {
    IMAGENET("imagenet"),
    SMALL("small");

    /** Inputs with height and width both at most this get the {@code small} stem by default. */
    static final int SMALL_INPUT_LIMIT = 64;

    private final String optionName;

    ResNetStem(String optionName) {
        this.optionName = optionName;
    }

    /** Returns the stem named {@code optionName} in a configuration, if there is one. */
    static Optional<ResNetStem> named(String optionName) {
        return Arrays.stream(values()).filter(s -> s.optionName.equals(optionName)).findFirst();
    }

    /** Returns the option names of every stem. */
    static List<String> optionNames() {
        return Arrays.stream(values()).map(s -> s.optionName).toList();
    }

    /** Returns {@code small} when both sizes are at most 64 pixels, else {@code imagenet}. */
    static ResNetStem defaultFor(int inputHeight, int inputWidth) {
        return inputHeight <= SMALL_INPUT_LIMIT && inputWidth <= SMALL_INPUT_LIMIT
                ? SMALL
                : IMAGENET;
    }

    /** Returns the name used in a configuration. */
    String optionName() {
        return optionName;
    }
}
