package dev.classify.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.classify.api.InvalidDataException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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

    ModelFacts {
        modelOptions = modelOptions == null ? Map.of() : modelOptions;
    }

    /**
     * Reads the fields the report shows; the engine checks the rest of the file when it loads the
     * model.
     *
     * @throws InvalidDataException when the file is unreadable or lacks one of them
     */
    static ModelFacts read(Path file) {
        ModelFacts facts =
                JsonFile.read(
                        file,
                        ModelFacts.class,
                        "model description",
                        "restore the file from the run folder or train again");
        if (facts == null || !facts.complete()) {
            throw new InvalidDataException(
                    file,
                    "incomplete model description (needs modelType, imageShape and inputShape"
                            + " of 3 positive sizes, at least 2 classNames); restore the file or"
                            + " train again");
        }
        return facts;
    }

    private boolean complete() {
        return modelType != null
                && Stream.of(imageShape, inputShape)
                        .allMatch(
                                shape ->
                                        shape != null
                                                && shape.length == 3
                                                && Arrays.stream(shape).allMatch(n -> n > 0))
                && classNames != null
                && classNames.size() >= 2;
    }
}
