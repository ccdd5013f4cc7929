package dev.classify.engine.model.weights;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Shapes written as PyTorch prints them in messages, e.g. {@code (64, 3, 7, 7)}. Stateless. */
final class TensorShapes {
    private TensorShapes() {}

    /** The shape as {@code (64, 3, 7, 7)}; a scalar is {@code ()}. */
    static String text(long[] shape) {
        return Arrays.stream(shape)
                .mapToObj(Long::toString)
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
