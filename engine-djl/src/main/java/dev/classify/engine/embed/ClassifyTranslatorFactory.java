package dev.classify.engine.embed;

import ai.djl.Model;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorFactory;
import ai.djl.util.Pair;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Set;

/**
 * Makes the {@link ClassifyTranslator} of a loaded classify model ({@link Image} in, {@link
 * Classifications} out) for DJL's model loader: name this class as {@code translatorFactory} in the
 * folder's {@code serving.properties} or give it to {@code Criteria.Builder.optTranslatorFactory}.
 * Uses the augmenter plugins on the class path.
 */
public final class ClassifyTranslatorFactory implements TranslatorFactory {
    /** Creates the factory; DJL calls this constructor by reflection. */
    public ClassifyTranslatorFactory() {}

    @Override
    public Set<Pair<Type, Type>> getSupportedTypes() {
        return Set.of(new Pair<>(Image.class, Classifications.class));
    }

    /**
     * Returns the translator of the model folder {@code model} was loaded from.
     *
     * @throws IllegalArgumentException when the types are not {@code Image} and {@code
     *     Classifications}
     * @throws dev.classify.api.InvalidDataException when the model description is missing or
     *     broken, or an augmenter plugin is not on the class path
     */
    @Override
    @SuppressWarnings("unchecked")
    public <I, O> Translator<I, O> newInstance(
            Class<I> input, Class<O> output, Model model, Map<String, ?> arguments) {
        if (!isSupported(input, output)) {
            throw new IllegalArgumentException(
                    "classify models translate Image to Classifications, not "
                            + input.getSimpleName()
                            + " to "
                            + output.getSimpleName());
        }
        return (Translator<I, O>) ClassifyTranslator.of(model.getModelPath());
    }
}
