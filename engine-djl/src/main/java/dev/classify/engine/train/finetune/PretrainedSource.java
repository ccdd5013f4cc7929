package dev.classify.engine.train.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.classify.api.ConfigurationException;
import dev.classify.engine.config.PretrainedConfig;
import dev.classify.engine.model.ModelDescription;
import dev.classify.engine.plugin.PluginCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where {@code model.pretrained}'s parameters come from: a classify model folder ({@link
 * ModelFolderSource}) or a {@code .safetensors} file ({@link SafetensorsSource}). Opening one
 * checks what can be checked without reading arrays; reading gives arrays keyed by classify's
 * parameter names.
 */
interface PretrainedSource {
    /** The configuration key every problem is reported under. */
    String KEY = "model.pretrained";

    /**
     * Returns the arrays for the parameters of {@code network}, keyed by their names (the keys of
     * {@code network.getParameters()}), attached to {@code manager}.
     *
     * @param network the run's network, initialised
     * @param withHead whether the last layer's parameters are wanted (false when it is
     *     re-initialised for another number of classes)
     * @throws ConfigurationException at {@link #KEY} when the source does not fit the network
     */
    Map<String, NDArray> read(Block network, boolean withHead, NDManager manager);

    /** The number of classes the source was trained for. */
    int classes();

    /**
     * Whether the source's head scores {@code classNames}, the run's classes: the same names in the
     * same order where the source records them (a model folder), else the same number.
     */
    default boolean sameClasses(List<String> classNames) {
        return classes() == classNames.size();
    }

    /** How to fix a source whose parameters do not fit the network, after a semicolon. */
    default String fix() {
        return "give a model of this architecture and input channels, or list the layers to"
                + " re-initialise in "
                + KEY
                + ".exclude";
    }

    /** The source in a few words, e.g. {@code runs/x/model (resnet depth=18, 5 classes)}. */
    String describe();

    /**
     * Opens the source {@code config} names for a run training the network {@code wanted}.
     *
     * @throws ConfigurationException at {@link #KEY} when the path is missing, of an unknown kind,
     *     or a model of another architecture
     */
    static PretrainedSource open(
            PretrainedConfig config, ModelDescription wanted, PluginCatalog catalog) {
        Path path = Path.of(config.path());
        if (Files.isDirectory(path)) {
            return ModelFolderSource.open(path, wanted, catalog);
        }
        if (Files.isRegularFile(path)
                && path.getFileName()
                        .toString()
                        .toLowerCase(Locale.ROOT)
                        .endsWith(".safetensors")) {
            return SafetensorsSource.open(path, wanted);
        }
        throw new ConfigurationException(
                KEY,
                display(path)
                        + (Files.exists(path)
                                ? " is neither a .safetensors file nor a folder"
                                : " does not exist")
                        + "; give a .safetensors file or a classify run folder (or its model/"
                        + " folder)");
    }

    /** {@code path} relative to the working directory when under it, else as it is. */
    static String display(Path path) {
        Path here = Path.of("").toAbsolutePath();
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(here) && !absolute.equals(here)
                ? here.relativize(absolute).toString()
                : absolute.toString();
    }
}
