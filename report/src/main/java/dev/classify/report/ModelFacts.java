package dev.classify.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.classify.api.InvalidDataException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What the report shows of a saved model, read from its {@code classify-model.json}: the
 * architecture with its options, the image and input shapes and the class names. The engine's own
 * description holds more (the engine, the evaluation steps), which the report leaves alone.
 *
 * @param modelType the model plugin's name
 * @param modelOptions the model plugin's options, empty when absent
 * @param imageShape the (C, H, W) of the images before augmentation
 * @param inputShape the (C, H, W) the network takes
 * @param classNames the class names, indexed by class
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ModelFacts(
        String modelType,
        Map<String, Object> modelOptions,
        int[] imageShape,
        int[] inputShape,
        List<String> classNames) {

    private static final ObjectMapper JSON = new ObjectMapper();

    ModelFacts {
        modelOptions = modelOptions == null ? Map.of() : modelOptions;
    }

    /**
     * Reads and checks the fields the report needs.
     *
     * @throws InvalidDataException when the file is unreadable or lacks a field
     */
    static ModelFacts read(Path file) {
        ModelFacts facts;
        try {
            facts = JSON.readValue(file.toFile(), ModelFacts.class);
        } catch (IOException e) {
            throw new InvalidDataException(
                    file,
                    "unreadable model description ("
                            + e.getClass().getSimpleName()
                            + "); restore the file from the run folder or train again",
                    e);
        }
        if (facts == null
                || facts.modelType() == null
                || !isShape(facts.imageShape())
                || !isShape(facts.inputShape())
                || facts.classNames() == null
                || facts.classNames().size() < 2) {
            throw new InvalidDataException(
                    file,
                    "incomplete model description (needs modelType, imageShape and inputShape"
                            + " of 3 positive sizes, at least 2 classNames); restore the file or"
                            + " train again");
        }
        return facts;
    }

    private static boolean isShape(int[] shape) {
        return shape != null && shape.length == 3 && Arrays.stream(shape).allMatch(n -> n > 0);
    }
}
