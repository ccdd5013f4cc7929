package dev.classify.engine.train;

import dev.classify.api.ConfigurationException;
import dev.classify.api.EpochMetrics;
import dev.classify.api.InvalidDataException;
import dev.classify.engine.config.ConfigurationLoader;
import dev.classify.engine.config.EarlyStoppingConfig;
import dev.classify.engine.config.OptimizerConfig;
import dev.classify.engine.model.ModelDescription;
import dev.classify.report.RunFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a run folder can be resumed with a configuration, before anything is written: the
 * run must hold a checkpoint, must not have reached {@code train.epochs} or stopped early, and must
 * have trained the same network. A switched optimizer is allowed and said.
 */
public final class ResumeGuards {
    private static final Logger LOG = LoggerFactory.getLogger(ResumeGuards.class);

    private ResumeGuards() {}

    /**
     * Checks that {@code prepared} can continue the run in {@code runDirectory} and returns where
     * it starts; tells {@code listener} when the optimizer was switched.
     *
     * @throws ConfigurationException when the run already reached {@code train.epochs}, stopped
     *     early, or trained another network
     * @throws InvalidDataException when the run folder holds no checkpoint
     */
    public static StartingPoint check(
            PreparedRun prepared, Path runDirectory, RunListener listener) {
        Checkpoint last = Checkpoint.read(Checkpoint.folder(runDirectory, Checkpoint.LAST));
        int epochs = prepared.config().train().epochs();
        if (last.epoch() >= epochs) {
            throw new ConfigurationException(
                    "train.epochs",
                    "is "
                            + epochs
                            + " but the run already finished epoch "
                            + last.epoch()
                            + "; give --set train.epochs=N to extend");
        }
        checkSameNetwork(prepared, runDirectory);
        checkNotStopped(prepared.config().train().earlyStopping(), last.history());
        Optional<String> switched = switchedOptimizer(prepared, runDirectory);
        switched.ifPresent(listener::message);
        return StartingPoint.after(last, switched.isEmpty());
    }

    /**
     * Refuses to go on after early stopping ended the run: replaying the history into the rule
     * gives its state exactly, since it is a function of the metrics alone.
     */
    private static void checkNotStopped(EarlyStoppingConfig config, List<EpochMetrics> history) {
        if (config == null) {
            return;
        }
        EarlyStopping rule = new EarlyStopping(config);
        Optional<String> stopped = Optional.empty();
        for (EpochMetrics metrics : history) {
            stopped = rule.endEpoch(metrics);
        }
        if (stopped.isPresent()) {
            throw new ConfigurationException(
                    "train.earlyStopping",
                    "the run stopped early after epoch "
                            + history.size()
                            + "; raise train.earlyStopping.patience or remove it to go on");
        }
    }

    /**
     * Says so when the resumed run's optimizer differs from the one its {@code config.yaml} trained
     * with (another type, or Nesterov momentum switched): the checkpoint's optimizer state
     * (momentum buffers, Adam moments) belongs to the old one and is left out, so the new one
     * starts from zero. Empty when they are the same or the run folder holds no readable {@code
     * config.yaml}.
     */
    static Optional<String> switchedOptimizer(PreparedRun prepared, Path runDirectory) {
        Path file = runDirectory.resolve(RunFiles.CONFIG);
        OptimizerConfig trained;
        try {
            trained = new ConfigurationLoader().load(file, List.of()).train().optimizer();
        } catch (RuntimeException e) {
            LOG.debug("cannot read the trained optimizer from {}", file, e);
            return Optional.empty();
        }
        OptimizerConfig wanted = prepared.config().train().optimizer();
        String before = optimizerName(trained);
        String after = optimizerName(wanted);
        if (before.equals(after)) {
            return Optional.empty();
        }
        return Optional.of(
                "train.optimizer is now "
                        + after
                        + " but the run trained with "
                        + before
                        + ": the checkpoint's optimizer state is left out and "
                        + after
                        + " starts from zero");
    }

    private static String optimizerName(OptimizerConfig optimizer) {
        return Boolean.TRUE.equals(optimizer.nesterov())
                ? optimizer.type() + " (Nesterov)"
                : optimizer.type();
    }

    /**
     * Refuses to resume with another network than the run trained: its checkpoint's parameters
     * would not fit (DJL would silently load them with their old shapes), and config.yaml would
     * then describe a model the run does not hold.
     */
    private static void checkSameNetwork(PreparedRun prepared, Path runDirectory) {
        Path file = runDirectory.resolve(RunFiles.MODEL).resolve(ModelDescription.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return;
        }
        ModelDescription trained = ModelDescription.read(file);
        ModelDescription wanted = prepared.describe();
        List<String> differences = new ArrayList<>();
        String trainedOptions = String.valueOf(new TreeMap<>(trained.modelOptions()));
        String wantedOptions = String.valueOf(new TreeMap<>(wanted.modelOptions()));
        if (!trained.modelType().equals(wanted.modelType())
                || !trainedOptions.equals(wantedOptions)) {
            differences.add(
                    "model "
                            + trained.modelType()
                            + " "
                            + trainedOptions
                            + " became "
                            + wanted.modelType()
                            + " "
                            + wantedOptions);
        }
        if (!Arrays.equals(trained.inputShape(), wanted.inputShape())) {
            differences.add(
                    "input "
                            + RunPreparation.shape(trained.inputShape())
                            + " became "
                            + RunPreparation.shape(wanted.inputShape()));
        }
        if (!trained.classNames().equals(wanted.classNames())) {
            differences.add(
                    trained.classNames().size()
                            + " classes became "
                            + wanted.classNames().size()
                            + (trained.classNames().size() == wanted.classNames().size()
                                    ? " other ones"
                                    : ""));
        }
        if (!differences.isEmpty()) {
            throw new ConfigurationException(
                    "model",
                    "differs from the network this run trained ("
                            + String.join("; ", differences)
                            + "); resume without changing the model, the input size or the"
                            + " classes, or train a new run");
        }
    }
}
