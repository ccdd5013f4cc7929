package dev.classify.engine.train;

import static java.util.Objects.requireNonNull;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import dev.classify.api.EpochMetrics;
import dev.classify.engine.train.step.ParameterUpdate;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * What a training run holds while its loop runs: the metrics of every epoch so far (a resumed run's
 * earlier ones first), the epoch whose model is kept, and, while the epochs run, the DJL model and
 * trainer. {@link TrainingLoop} fills it; {@link EpochRunner} and the built-in listeners read it.
 * One per run; not thread safe.
 */
public final class RunState {
    private final Optimizer optimizer;
    private final List<EpochMetrics> history;
    private int bestEpoch;
    private double bestAccuracy;
    // The kept epoch's hold-out predictions, when it ran in this process: evaluation/ is written
    // from them instead of predicting the hold-out once more with the saved model.
    private int[] keptPredictions;
    private Model model;
    private Trainer trainer;
    private ParameterUpdate update;
    // The weight average (train.ema) while the epochs run; null without one.
    private WeightAverage average;

    /**
     * @param optimizer the optimizer of the trainer's configuration (the same object)
     */
    @Inject
    RunState(StartingPoint start, Optimizer optimizer) {
        this.optimizer = requireNonNull(optimizer, "optimizer is null");
        this.history = new ArrayList<>(start.history());
        this.bestEpoch = start.bestEpoch();
        this.bestAccuracy = start.bestAccuracy();
    }

    /** The model and trainer of the epochs to come, until {@link #close}. */
    void open(Model model, Trainer trainer) {
        open(model, trainer, null);
    }

    /**
     * The model and trainer of the epochs to come, and the weight average that every optimizer step
     * updates and that validation, {@code model/} and checkpoints take ({@code null} for none),
     * until {@link #close}.
     */
    void open(Model model, Trainer trainer, WeightAverage average) {
        this.model = requireNonNull(model, "model is null");
        this.trainer = requireNonNull(trainer, "trainer is null");
        this.average = average;
        this.update =
                new ParameterUpdate(
                        trainer, optimizer, average == null ? () -> {} : average::update);
    }

    /** Forgets the model and trainer, which their owner closes. */
    void close() {
        model = null;
        trainer = null;
        update = null;
        average = null;
    }

    /**
     * The DJL model being trained, its parameters those of the last finished epoch when a listener
     * hears {@code epochFinished}.
     *
     * @throws IllegalStateException outside the epochs
     */
    public Model model() {
        if (model == null) {
            throw new IllegalStateException("no model outside the training epochs");
        }
        return model;
    }

    Trainer trainer() {
        model();
        return trainer;
    }

    /**
     * The model whose parameters are validated and kept in {@code model/}: the weight average's
     * when {@code train.ema} is set, else {@link #model}.
     *
     * @throws IllegalStateException outside the epochs
     */
    public Model keptModel() {
        model();
        return average == null ? model : average.model();
    }

    /** The network of {@link #keptModel} on {@code input}, in inference mode. */
    NDList evaluate(NDList input) {
        return average == null ? trainer().evaluate(input) : average.evaluate(input);
    }

    /**
     * Recomputes the weight average's batch-normalization statistics from {@code count} batches
     * (see {@link WeightAverage#recomputeBatchNorm}); nothing without an average.
     */
    void recomputeAverageStatistics(int count, BiFunction<NDManager, Integer, NDArray> batch) {
        if (average != null && count > 0) {
            average.recomputeBatchNorm(count, batch);
        }
    }

    /**
     * The batches that recompute the weight average's batch-normalization statistics before each
     * validation; 0 without an average or when it averages them.
     */
    int averageStatisticsBatches() {
        return average == null ? 0 : average.batchNormBatches();
    }

    ParameterUpdate update() {
        model();
        return update;
    }

    /**
     * Adds a finished epoch; it is the best when it beats the best validation accuracy so far (or
     * there is no hold-out), and then its {@code validationPredictions} are kept.
     *
     * @return whether the epoch's model is now the kept one
     */
    boolean add(EpochMetrics metrics, Supplier<int[]> validationPredictions) {
        history.add(metrics);
        boolean best = !metrics.hasValidation() || metrics.validationAccuracy() > bestAccuracy;
        if (best) {
            bestAccuracy = metrics.validationAccuracy();
            bestEpoch = metrics.epoch();
            keptPredictions = validationPredictions.get();
        }
        return best;
    }

    /** The metrics of every finished epoch, in order: a read-only view. */
    public List<EpochMetrics> history() {
        return Collections.unmodifiableList(history);
    }

    /** The epoch whose model is kept, 0 before any. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The kept epoch's hold-out predictions, when that epoch ran in this process. */
    Optional<int[]> keptPredictions() {
        return Optional.ofNullable(keptPredictions);
    }

    /**
     * Writes {@code checkpoints/last} of {@code runDirectory} for the last finished epoch, and
     * {@code checkpoints/best} too when {@code best}: the model's parameters, the optimizer's state
     * and the history (see {@link Checkpoint}), and the weight average when there is one.
     */
    public void writeCheckpoints(Path runDirectory, boolean best) throws IOException {
        int epoch = history.get(history.size() - 1).epoch();
        Checkpoint checkpoint = new Checkpoint(epoch, history, bestEpoch, bestAccuracy);
        checkpoint.write(
                Checkpoint.folder(runDirectory, Checkpoint.LAST), model(), optimizer, average);
        if (best) {
            checkpoint.write(
                    Checkpoint.folder(runDirectory, Checkpoint.BEST), model(), optimizer, average);
        }
    }
}
