package dev.classify.engine.embed;

import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.nn.BlockFactory;
import dev.classify.engine.Classify;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds the network of a classify model folder for DJL's model loader, which then loads the
 * parameters into it: name this class as {@code blockFactory} in the folder's {@code
 * serving.properties} (see {@link ClassifyModels#writeServingProperties}) or as the Criteria
 * argument {@code blockFactory}. Uses the model plugins on the class path.
 */
public final class ClassifyBlockFactory implements BlockFactory {
    private static final long serialVersionUID = 1L;

    /** Creates the factory; DJL calls this constructor by reflection. */
    public ClassifyBlockFactory() {}

    /**
     * Returns the uninitialised network described by {@code modelPath}'s {@code
     * classify-model.json}.
     *
     * @throws dev.classify.api.InvalidDataException when the description is missing or broken, or
     *     the model plugin is not on the class path
     */
    @Override
    public Block newBlock(Model model, Path modelPath, Map<String, ?> arguments) {
        return Classify.forClassPath().openModel(modelPath).newBlock();
    }
}
