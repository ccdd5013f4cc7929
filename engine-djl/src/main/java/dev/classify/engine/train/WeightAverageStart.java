package dev.classify.engine.train;

import static java.util.Objects.requireNonNull;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.classify.api.InvalidDataException;
import dev.classify.api.ModelSpec;
import dev.classify.engine.config.EmaConfig;
import dev.classify.engine.config.TrainConfig;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Starts the run's weight average ({@code train.ema}) beside its trained model: none when the
 * configuration has none, the average of {@code checkpoints/last} when resuming a run that kept
 * one, else a new average of the present weights. Says (for {@link ResumeGuards}) when a resume
 * switches the average on or off.
 */
final class WeightAverageStart {
    private final EmaConfig config;
    private final Provider<Block> block;
    private final ModelSpec spec;
    private final StartingPoint start;
    private final Path lastFolder;

    @Inject
    WeightAverageStart(
            TrainConfig train,
            Provider<Block> block,
            ModelSpec spec,
            StartingPoint start,
            @RunModule.RunFolder Path runDirectory) {
        this.config = train.ema();
        this.block = requireNonNull(block, "block is null");
        this.spec = requireNonNull(spec, "spec is null");
        this.start = requireNonNull(start, "start is null");
        this.lastFolder = Checkpoint.folder(runDirectory, Checkpoint.LAST);
    }

    /**
     * The average of {@code trained}, whose parameters are initialised (or loaded); empty without
     * {@code train.ema} or when no epoch is left to train. The caller closes it.
     *
     * @throws InvalidDataException when the checkpoint's average cannot be read
     */
    Optional<WeightAverage> open(Model trained) throws IOException {
        if (config == null || start.finishOnly()) {
            return Optional.empty();
        }
        boolean resume = start.checkpoint().isPresent() && WeightAverage.isSaved(lastFolder);
        Shape input = new Shape(1, spec.inputChannels(), spec.inputHeight(), spec.inputWidth());
        try {
            return Optional.of(
                    WeightAverage.start(
                            trained, block.get(), config, input, resume ? lastFolder : null));
        } catch (IOException | RuntimeException e) {
            // A damaged file ends in EOFException or DJL's "Malformed data".
            if (!resume) {
                throw e;
            }
            throw new InvalidDataException(
                    lastFolder.resolve(WeightAverage.ARRAYS_FILE),
                    "cannot load the checkpoint's weight average ("
                            + Checkpoint.reason(e)
                            + "); the checkpoint is damaged: train again",
                    e);
        }
    }

    /**
     * What a resume from {@code last} in {@code runDirectory} does to the weight average when
     * {@code train.ema} was switched on or off since the checkpoint; empty when it was not.
     */
    static Optional<String> switched(TrainConfig train, Path runDirectory, Checkpoint last) {
        boolean saved = WeightAverage.isSaved(Checkpoint.folder(runDirectory, Checkpoint.LAST));
        if (train.ema() != null && !saved) {
            return Optional.of(
                    "train.ema is now set but the run trained without it: the weight average"
                            + " starts from the weights of epoch "
                            + last.epoch());
        }
        if (train.ema() == null && saved) {
            return Optional.of(
                    "train.ema is now off but the run trained with it: the checkpoint's weight"
                            + " average is left out, and validation and model/ take the trained"
                            + " weights from epoch "
                            + (last.epoch() + 1));
        }
        return Optional.empty();
    }
}
