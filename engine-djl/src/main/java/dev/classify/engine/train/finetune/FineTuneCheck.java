package dev.classify.engine.train.finetune;

import ai.djl.nn.Block;
import dev.classify.api.ConfigurationException;
import dev.classify.engine.config.ConfigurationLoader;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.config.PretrainedConfig;
import dev.classify.engine.model.TopLevelLayers;
import dev.classify.engine.plugin.PluginCatalog;
import dev.classify.engine.train.PreparedRun;
import dev.classify.engine.train.RunListener;
import dev.classify.report.RunFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks {@code model.pretrained} and {@code train.freeze} before anything is written: the layer
 * names against the network, the pretrained path and its architecture; and, on resume, that the
 * frozen layers are those the run trained with. Thread safe.
 */
public final class FineTuneCheck {
    private static final Logger LOG = LoggerFactory.getLogger(FineTuneCheck.class);

    private FineTuneCheck() {}

    /**
     * Checks the fine-tuning settings of {@code prepared}: builds the network and reads the
     * pretrained parameters into it on the CPU, as the run will, to check their names and shapes;
     * the arrays are freed before this returns. With {@code readsPretrained} false (a resume: the
     * checkpoint holds the parameters) only the frozen layers are checked.
     *
     * @throws ConfigurationException at {@code train.freeze} or {@code model.pretrained}
     */
    public static void check(PreparedRun prepared, PluginCatalog catalog, boolean readsPretrained) {
        PipelineConfig config = prepared.config();
        PretrainedConfig pretrained = readsPretrained ? config.model().pretrained() : null;
        if (config.train().freeze().isEmpty() && pretrained == null) {
            return;
        }
        Block network =
                FrozenNetwork.freeze(
                        catalog.model("model.type", config.model().type()).create(prepared.spec()),
                        config.train().freeze());
        if (pretrained != null) {
            TopLevelLayers.of(network)
                    .resolve(PretrainedSource.KEY + ".exclude", pretrained.exclude());
            PretrainedStart.check(
                    network,
                    PretrainedSource.open(pretrained, prepared.describe(), catalog),
                    prepared);
        }
    }

    /**
     * Refuses to resume with other frozen layers than the run trained with (the checkpoint's
     * optimizer state holds none for the frozen ones), and says that {@code model.pretrained} is
     * not read again: the checkpoint holds the parameters.
     *
     * @throws ConfigurationException at {@code train.freeze} when the frozen layers changed
     */
    public static void checkResume(PreparedRun prepared, Path runDirectory, RunListener listener) {
        Optional<PipelineConfig> trained = trainedConfig(runDirectory);
        if (trained.isEmpty()) {
            return;
        }
        List<String> before = trained.get().train().freeze();
        List<String> now = prepared.config().train().freeze();
        if (!before.equals(now)) {
            throw new ConfigurationException(
                    "train.freeze",
                    "is "
                            + now
                            + " but the run trained with "
                            + before
                            + "; resume with the same train.freeze, or train a new run");
        }
        PretrainedConfig was = trained.get().model().pretrained();
        PretrainedConfig is = prepared.config().model().pretrained();
        if (!Objects.equals(was, is)) {
            listener.message(
                    "model.pretrained changed, but a resumed run continues from its checkpoint:"
                            + " the new setting is not read");
        }
    }

    private static Optional<PipelineConfig> trainedConfig(Path runDirectory) {
        Path file = runDirectory.resolve(RunFiles.CONFIG);
        try {
            return Optional.of(new ConfigurationLoader().load(file, List.of()));
        } catch (RuntimeException e) {
            LOG.debug("cannot read the trained configuration from {}", file, e);
            return Optional.empty();
        }
    }
}
