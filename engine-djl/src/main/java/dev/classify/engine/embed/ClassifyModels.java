package dev.classify.engine.embed;

import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.repository.zoo.Criteria;
import dev.classify.engine.Classify;
import dev.classify.engine.model.ModelDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Loads a classify model folder through plain DJL, for code and tools built on DJL's {@link
 * Criteria}, {@code ZooModel} and {@code Predictor}.
 *
 * <pre>{@code
 * Criteria<Image, Classifications> criteria = ClassifyModels.criteria(Path.of("runs/quickstart"));
 * try (ZooModel<Image, Classifications> model = criteria.loadModel();
 *         Predictor<Image, Classifications> predictor = model.newPredictor()) {
 *     Classifications result = predictor.predict(ImageFactory.getInstance().fromFile(png));
 * }
 * }</pre>
 *
 * <p>DJL needs three things that a classify model folder does not hold as DJL files: the network
 * (it is built by a model plugin from {@code classify-model.json}, not stored as an MXNet symbol
 * file), the translator (the saved evaluation augmentation and class names) and the engine. {@link
 * #criteria} sets all three. Alternatively, {@link #writeServingProperties} names the engine and
 * the {@link ClassifyBlockFactory} in the folder's {@code serving.properties}, which DJL's model
 * loader reads, so that a {@code Criteria} with only the model path and the {@link
 * ClassifyTranslatorFactory} loads it.
 */
public final class ClassifyModels {
    /** The file DJL's model loader reads its arguments from, in the model folder. */
    public static final String SERVING_PROPERTIES = "serving.properties";

    private ClassifyModels() {}

    /**
     * Returns the criteria that load the model in {@code modelOrRunDirectory} (a model folder, or a
     * run folder holding one as {@code model/}) with the plugins on the class path: the model path
     * and name, the engine, the network and the {@link ClassifyTranslator}. Predictions equal
     * {@link ImageClassifier}'s. Loading happens in {@code Criteria.loadModel()}.
     *
     * @throws dev.classify.api.InvalidDataException when there is no model, its description is
     *     broken, or a plugin it needs is not on the class path
     */
    public static Criteria<Image, Classifications> criteria(Path modelOrRunDirectory) {
        // Also keeps DJL offline (OfflineDefaults) before the engine starts in loadModel().
        ModelDefinition model = Classify.forClassPath().openModel(modelOrRunDirectory);
        return Criteria.builder()
                .setTypes(Image.class, Classifications.class)
                .optModelPath(model.folder())
                .optModelName(ModelDefinition.PARAMETERS_PREFIX)
                .optEngine(model.description().engine())
                .optBlock(model.newBlock())
                .optTranslator(ClassifyTranslator.of(model))
                .build();
    }

    /**
     * Writes {@code serving.properties} into the model folder of {@code modelOrRunDirectory},
     * naming the engine, {@link ClassifyBlockFactory} and {@link ClassifyTranslatorFactory}, so
     * that DJL loads the folder with its path and the translator factory:
     *
     * <pre>{@code
     * Criteria.builder().setTypes(Image.class, Classifications.class)
     *         .optModelPath(modelFolder).optModelName("model")
     *         .optTranslatorFactory(new ClassifyTranslatorFactory()).build()
     * }</pre>
     *
     * DJL 0.36's loader reads {@code engine} and {@code blockFactory} from the file but takes the
     * translator factory only from the Criteria ({@code optTranslatorFactory}, or {@code
     * optArgument("translatorFactory", className)}); the file names it too for tools that pass it
     * on. The model name ({@code model}, the parameter file's prefix) can be left out while the
     * folder is named {@code model}, as in a run folder. The classify jars and plugins must be on
     * the class path. Replaces an existing file.
     *
     * @return the file written
     * @throws dev.classify.api.InvalidDataException when there is no model
     * @throws IOException when the file cannot be written
     */
    public static Path writeServingProperties(Path modelOrRunDirectory) throws IOException {
        ModelDefinition model = Classify.forClassPath().openModel(modelOrRunDirectory);
        Path folder = model.folder();
        String text =
                "# Written by classify: how DJL loads this model folder.\n"
                        + "engine="
                        + model.description().engine()
                        + "\n"
                        + "blockFactory="
                        + ClassifyBlockFactory.class.getName()
                        + "\n"
                        + "translatorFactory="
                        + ClassifyTranslatorFactory.class.getName()
                        + "\n";
        Path file = folder.resolve(SERVING_PROPERTIES);
        Path temporary = Files.createTempFile(folder, SERVING_PROPERTIES, ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(
                    temporary,
                    file,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return file;
    }
}
