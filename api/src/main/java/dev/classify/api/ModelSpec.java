package dev.classify.api;

import static java.util.Objects.requireNonNull;

/**
 * What a {@link ModelProvider} builds: the input the network receives, the number of classes it
 * scores, and its architecture options.
 *
 * @param inputChannels channels C of the NCHW input, at least 1 (1 for grayscale, 3 for RGB)
 * @param inputHeight height H of the input in pixels, at least 1
 * @param inputWidth width W of the input in pixels, at least 1
 * @param numClasses the number of classes scored, at least 2
 * @param options the architecture's own options (e.g. {@code depth}, {@code kernelSize})
 */
public record ModelSpec(
        int inputChannels, int inputHeight, int inputWidth, int numClasses, Options options) {

    /**
     * Checks the ranges above.
     *
     * @throws IllegalArgumentException when a size is out of range
     */
    public ModelSpec {
        if (inputChannels < 1 || inputHeight < 1 || inputWidth < 1) {
            throw new IllegalArgumentException(
                    "input shape must be positive, got "
                            + inputChannels
                            + "x"
                            + inputHeight
                            + "x"
                            + inputWidth);
        }
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses must be at least 2, got " + numClasses);
        }
        requireNonNull(options, "options is null");
    }
}
