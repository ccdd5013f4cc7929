package dev.classify.engine;

import java.util.List;
import java.util.Map;

/**
 * What a saved model needs besides its parameters to predict again: the architecture, the image
 * shape it was trained on, the class names and the evaluation augmentation. Stored as {@code
 * classify-model.json} beside DJL's {@code model-0000.params}.
 *
 * @param format the file format version, 1
 * @param engine the DJL engine that trained it, e.g. {@code MXNet}
 * @param modelType the model plugin's name
 * @param modelOptions the model plugin's options
 * @param imageShape the (C, H, W) of the images before augmentation
 * @param inputShape the (C, H, W) the network takes, after the evaluation augmentation
 * @param classNames the class names, indexed by class
 * @param eval the evaluation augmentation steps, each {@code {type: NAME, ...options}}
 */
public record ModelDescription(
        int format,
        String engine,
        String modelType,
        Map<String, Object> modelOptions,
        int[] imageShape,
        int[] inputShape,
        List<String> classNames,
        List<Map<String, Object>> eval) {

    /** The name of the description file inside a model folder. */
    public static final String FILE_NAME = "classify-model.json";
}
