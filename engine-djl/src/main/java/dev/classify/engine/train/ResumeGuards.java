package dev.classify.engine.train;

import dev.classify.api.ConfigurationException;
import dev.classify.api.EpochMetrics;
import dev.classify.api.InvalidDataException;
import dev.classify.engine.config.ConfigurationLoader;
import dev.classify.engine.config.EarlyStoppingConfig;
import dev.classify.engine.config.OptimizerConfig;
import dev.classify.engine.model.ModelDescription;
import dev.classify.engine.train.finetune.FineTuneCheck;
import dev.classify.engine.train.prepare.RunPreparation;
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
 * run must hold a checkpoint, must not have reached {@code train.epochs} or stopped early (unless
 * it was killed before it wrote its results, which a resume then writes), and must have trained the
 * same network. A switched optimizer is allowed and said.
 */
public final class ResumeGuards {
    private static final Logger LOG = LoggerFactory.getLogger(ResumeGuards.class);

    private ResumeGuards() {}

    /**
     * Checks that {@code prepared} can continue the run in {@code runDirectory} and returns where
     * it starts; tells {@code listener} when the optimizer was switched.
     *
     * <p>A run that reached {@code train.epochs} or stopped early is refused, unless its process
     * was killed before it wrote its last results ({@link UnwrittenResults}): then it starts where
     * it only writes them, and {@code listener} is told.
     *
     * @throws ConfigurationException when the run already reached {@code train.epochs} or stopped
     *     early (with its results written), or trained another network
     * @throws InvalidDataException when the run folder holds no checkpoint
     */
    public static StartingPoint check(
            PreparedRun prepared, Path runDirectory, RunListener listener) {
        Checkpoint last = Checkpoint.read(Checkpoint.folder(runDirectory, Checkpoint.LAST));
        int epochs = prepared.config().train().epochs();
        List<String> unwritten = UnwrittenResults.of(prepared, runDirectory, last);
        if (last.epoch() >= epochs) {
            if (unwritten.isEmpty()) {
                throw new ConfigurationException(
                        "train.epochs",
                        "is "
                                + epochs
                                + " but the run already finished epoch "
                                + last.epoch()
                                + "; give --set train.epochs=N to extend");
            }
            return finishing(prepared, runDirectory, listener, last, unwritten);
        }
        checkSameNetwork(prepared, runDirectory);
        FineTuneCheck.checkResume(prepared, runDirectory, listener);
        Optional<String> stopped =
                stoppedEarly(prepared.config().train().earlyStopping(), last.history());
        if (stopped.isPresent()) {
            if (unwritten.isEmpty()) {
                throw new ConfigurationException("train.earlyStopping", stopped.get());
            }
            return finishing(prepared, runDirectory, listener, last, unwritten);
        }
        Optional<String> switched = switchedOptimizer(prepared, runDirectory);
        switched.ifPresent(listener::message);
        WeightAverageStart.switched(prepared.config().train(), runDirectory, last)
                .ifPresent(listener::message);
        return StartingPoint.after(last, switched.isEmpty());
    }

    /**
     * A run whose epochs all ended but whose process was killed before it wrote {@code unwritten}:
     * says so and starts it where it only writes them.
     */
    private static StartingPoint finishing(
            PreparedRun prepared,
            Path runDirectory,
            RunListener listener,
            Checkpoint last,
            List<String> unwritten) {
        checkSameNetwork(prepared, runDirectory);
        String names =
                unwritten.size() == 1
                        ? unwritten.get(0)
                        : String.join(", ", unwritten.subList(0, unwritten.size() - 1))
                                + " and "
                                + unwritten.get(unwritten.size() - 1);
        listener.message(
                "the run finished epoch "
                        + last.epoch()
                        + " but was stopped before it wrote "
                        + names
                        + ": writing them now");
        return StartingPoint.finishing(last);
    }

    /**
     * Why early stopping ended the run, if it did: replaying the history into the rule gives its
     * state exactly, since it is a function of the metrics alone.
     */
    private static Optional<String> stoppedEarly(
            EarlyStoppingConfig config, List<EpochMetrics> history) {
        if (config == null) {
            return Optional.empty();
        }
        EarlyStopping rule = new EarlyStopping(config);
        Optional<String> stopped = Optional.empty();
        for (EpochMetrics metrics : history) {
            stopped = rule.endEpoch(metrics);
        }
        return stopped.map(
                reason ->
                        "the run stopped early after epoch "
                                + history.size()
                                + "; raise train.earlyStopping.patience or remove it to go on");
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
