package dev.classify.engine.train;

import static java.util.Objects.requireNonNull;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import dev.classify.api.ModelSpec;
import dev.classify.engine.train.finetune.FrozenNetwork;
import dev.classify.engine.train.finetune.PretrainedStart;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Puts the run's network into a DJL model and starts its trainer: freshly initialised, from {@code
 * model.pretrained} ({@link PretrainedStart}), or with the parameters and optimizer state of {@code
 * checkpoints/last} when resuming; the layers of {@code train.freeze} frozen ({@link
 * FrozenNetwork}). The caller owns (and closes) the model and the trainer.
 */
final class ModelStart {
    private final PreparedRun prepared;
    private final Provider<Block> block;
    private final DefaultTrainingConfig trainingConfig;
    private final Optimizer optimizer;
    private final StartingPoint start;
    private final PretrainedStart pretrained;
    private final Path lastFolder;

    /**
     * @param optimizer the optimizer of {@code trainingConfig} (the same object)
     */
    @Inject
    ModelStart(
            PreparedRun prepared,
            Provider<Block> block,
            DefaultTrainingConfig trainingConfig,
            Optimizer optimizer,
            StartingPoint start,
            PretrainedStart pretrained,
            @RunModule.RunFolder Path runDirectory) {
        this.prepared = requireNonNull(prepared, "prepared is null");
        this.block = requireNonNull(block, "block is null");
        this.trainingConfig = requireNonNull(trainingConfig, "trainingConfig is null");
        this.optimizer = requireNonNull(optimizer, "optimizer is null");
        this.start = requireNonNull(start, "start is null");
        this.pretrained = requireNonNull(pretrained, "pretrained is null");
        this.lastFolder = Checkpoint.folder(runDirectory, Checkpoint.LAST);
    }

    /** A new, empty model on the run's first device and engine. */
    Model newModel() {
        return Model.newInstance("classify", prepared.device(), prepared.engine());
    }

    /**
     * Gives {@code model} the network, with the checkpoint's parameters when resuming, else the
     * pretrained ones when configured.
     */
    void load(Model model) throws IOException {
        model.setBlock(FrozenNetwork.freeze(block.get(), prepared.config().train().freeze()));
        // Loaded parameters count as initialized: Trainer.initialize keeps them.
        if (start.checkpoint().isPresent()) {
            Checkpoint.loadParameters(lastFolder, model);
        } else if (pretrained.configured()) {
            pretrained.load(model);
        }
    }

    /** A trainer of {@code model} with the run's optimizer, loss and devices. */
    Trainer newTrainer(Model model) {
        return model.newTrainer(trainingConfig);
    }

    /** Initialises the parameters, then restores the checkpoint's optimizer state if it applies. */
    void initialize(Model model, Trainer trainer) throws IOException {
        ModelSpec spec = prepared.spec();
        trainer.initialize(
                new Shape(1, spec.inputChannels(), spec.inputHeight(), spec.inputWidth()));
        if (start.restoreOptimizer()) {
            Checkpoint.restoreOptimizer(
                    lastFolder, model, optimizer, trainer.getManager(), prepared.devices());
        }
    }
}
