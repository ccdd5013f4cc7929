package dev.classify.engine.embed;

import static java.util.Objects.requireNonNull;

/**
 * One class scored for one image.
 *
 * @param className the class name, as in the training labels (the class index as text for integer
 *     labels)
 * @param classIndex the class index, 0..K-1 for a model of K classes
 * @param probability the softmax probability of the class, in [0, 1]; the probabilities of all K
 *     classes of an image sum to 1
 */
public record Prediction(String className, int classIndex, float probability) {
    /** Checks the values. */
    public Prediction {
        requireNonNull(className, "className is null");
        if (classIndex < 0) {
            throw new IllegalArgumentException("classIndex must be at least 0, got " + classIndex);
        }
    }
}
