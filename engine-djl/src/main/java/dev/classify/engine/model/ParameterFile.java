package dev.classify.engine.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.classify.api.InvalidDataException;
import dev.classify.engine.runtime.EngineChoice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loads a saved model's parameters, {@code model-0000.params} in DJL's own format, into its rebuilt
 * network, checking that they are the described network's.
 */
final class ParameterFile {
    private ParameterFile() {}

    /**
     * Returns the engine to load {@code definition} with: {@code engineName}, or when {@code null}
     * the one that trained the model.
     *
     * @throws InvalidDataException when the training engine is not one this installation has
     */
    static String engine(ModelDefinition definition, String engineName) {
        if (engineName != null) {
            return engineName;
        }
        String engine = definition.description().engine();
        if (!EngineChoice.KNOWN.contains(engine)) {
            throw new InvalidDataException(
                    definition.descriptionFile(),
                    "the model was trained with the engine '"
                            + engine
                            + "', which this installation lacks; choose one of "
                            + EngineChoice.KNOWN
                            + " (predict --engine)");
        }
        return engine;
    }

    /**
     * Returns a DJL model of {@code engine} holding {@code block} with the parameters of {@code
     * definition}'s folder. The caller closes it.
     *
     * @throws InvalidDataException when the file is missing, truncated or of another architecture
     */
    static Model load(ModelDefinition definition, Block block, String engine) {
        Path parameters =
                definition.folder().resolve(ModelDefinition.PARAMETERS_PREFIX + "-0000.params");
        Model model = Model.newInstance("classify", engine);
        try {
            model.setBlock(block);
            Map<String, Shape> expected = expectedShapes(model, definition.description());
            model.load(definition.folder(), ModelDefinition.PARAMETERS_PREFIX);
            checkShapes(model, expected);
            return model;
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new InvalidDataException(
                    parameters,
                    "cannot load the model parameters ("
                            + firstLine(reason)
                            + "); the file is missing, truncated or from another architecture;"
                            + " restore it or train again",
                    e);
        }
    }

    /** The parameter shapes the described architecture has, from a throw-away initialisation. */
    private static Map<String, Shape> expectedShapes(Model model, ModelDescription description) {
        int[] input = description.inputShape();
        Block block = model.getBlock();
        block.initialize(
                model.getNDManager(), DataType.FLOAT32, new Shape(1, input[0], input[1], input[2]));
        Map<String, Shape> shapes = new LinkedHashMap<>();
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            shapes.put(parameter.getKey(), parameter.getValue().getArray().getShape());
        }
        return shapes;
    }

    /**
     * DJL loads parameters by name and takes their shapes from the file, so that parameters of
     * another width would load silently into a network that is not the one described.
     */
    private static void checkShapes(Model model, Map<String, Shape> expected) {
        for (Pair<String, Parameter> parameter : model.getBlock().getParameters()) {
            Shape want = expected.get(parameter.getKey());
            Shape got = parameter.getValue().getArray().getShape();
            if (!got.equals(want)) {
                throw new IllegalStateException(
                        "parameter "
                                + parameter.getKey()
                                + " has shape "
                                + got
                                + " but the described architecture needs "
                                + want);
            }
        }
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
