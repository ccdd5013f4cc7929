package dev.classify.engine.train.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.classify.api.ConfigurationException;
import dev.classify.api.InvalidDataException;
import dev.classify.engine.model.ModelDefinition;
import dev.classify.engine.model.ModelDescription;
import dev.classify.engine.model.SavedParameters;
import dev.classify.engine.plugin.PluginCatalog;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A classify model folder as {@code model.pretrained}: a run folder's {@code model/}, or a run
 * folder holding one. Its network must be the run's architecture: the same model type, which its
 * {@code classify-model.json} says before any parameter is read, and parameters of the same names
 * and shapes; the number of classes may differ. Options that differ are named when the parameters
 * do not fit.
 */
final class ModelFolderSource implements PretrainedSource {
    private final Path path;
    private final ModelDefinition definition;
    private final String difference;
    private final String architecture;

    private ModelFolderSource(
            Path path, ModelDefinition definition, String difference, String architecture) {
        this.path = path;
        this.definition = definition;
        this.difference = difference;
        this.architecture = architecture;
    }

    @Override
    public String fix() {
        return difference == null
                ? PretrainedSource.super.fix()
                : "it "
                        + difference
                        + "; give a model of the same architecture, or set model to "
                        + architecture;
    }

    /**
     * @throws ConfigurationException at {@code model.pretrained} when the folder holds no model or
     *     one of another architecture than {@code wanted}
     */
    static ModelFolderSource open(Path path, ModelDescription wanted, PluginCatalog catalog) {
        ModelDefinition definition;
        try {
            definition = ModelDefinition.open(path, catalog);
        } catch (InvalidDataException e) {
            throw new ConfigurationException(KEY, e.getMessage());
        }
        ModelDescription trained = definition.description();
        ModelDescription run = wanted.withProvenance(catalog);
        // A model saved before an option existed was built with its default, as predict reads it;
        // another model type's defaults are no defaults of its.
        Map<String, Object> trainedOptions = new TreeMap<>();
        if (trained.modelType().equals(run.modelType())) {
            trainedOptions.putAll(run.modelDefaults());
        }
        trainedOptions.putAll(trained.effectiveOptions());
        String have = architecture(trained.modelType(), trainedOptions);
        String want = architecture(run.modelType(), run.effectiveOptions());
        String difference =
                have.equals(want) ? null : "holds " + have + " but this run trains " + want;
        if (difference != null && !trained.modelType().equals(run.modelType())) {
            throw new ConfigurationException(
                    KEY,
                    PretrainedSource.display(definition.folder())
                            + " "
                            + difference
                            + "; give a model of the same architecture, or set model to "
                            + have);
        }
        // Other options (a training-time one such as dropPath, say) may leave every parameter's
        // shape as it is: the shapes decide, and a misfit names this difference.
        return new ModelFolderSource(path, definition, difference, have);
    }

    private static String architecture(String type, Map<String, Object> options) {
        return type + " " + new TreeMap<>(options);
    }

    @Override
    public Map<String, NDArray> read(Block network, boolean withHead, NDManager manager) {
        try {
            return new LinkedHashMap<>(SavedParameters.read(definition, manager));
        } catch (InvalidDataException e) {
            throw new ConfigurationException(KEY, e.getMessage());
        }
    }

    @Override
    public int classes() {
        return definition.description().classNames().size();
    }

    @Override
    public boolean sameClasses(List<String> classNames) {
        return definition.description().classNames().equals(classNames);
    }

    @Override
    public String describe() {
        ModelDescription description = definition.description();
        StringBuilder text =
                new StringBuilder(PretrainedSource.display(definition.folder()))
                        .append(" (")
                        .append(description.modelType());
        description
                .modelOptions()
                .forEach((key, value) -> text.append(' ').append(key).append('=').append(value));
        return text.append(", ").append(classes()).append(" classes)").toString();
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
