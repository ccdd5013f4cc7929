package dev.classify.engine.train;

import static java.util.Objects.requireNonNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import dev.classify.api.ImageSet;
import dev.classify.engine.config.TrainConfig;
import dev.classify.engine.data.AugmentationPipeline;
import dev.classify.engine.data.BatchAssembler;
import dev.classify.engine.data.HoldOutSplit;
import dev.classify.engine.model.TestTimeAugmentation;
import dev.classify.engine.runtime.InferenceBatch;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The validation part of each epoch: the hold-out through the evaluation augmentation and the
 * network, in batches whose arrays are closed after each. Keeps the last validation's predicted
 * classes. With test-time augmentation ({@code augment.tta}) each image's class probabilities are
 * averaged over its views, and the loss is the cross-entropy of that average. With a weight average
 * ({@code train.ema}) it first recomputes the average's batch-normalization statistics from
 * training images (also without a hold-out, since {@code model/} keeps the average). Not thread
 * safe.
 */
final class HoldOutValidation {
    private final HoldOutSplit split;
    private final AugmentationPipeline evalAugment;
    private final RunState state;
    private final BatchAssembler assembler;
    private final int batchSize;
    private final long seed;
    private final TestTimeAugmentation views;
    // The training images that recompute the weight average's batch-norm statistics: the same
    // ones every epoch, in an order drawn once from the seed.
    private int[] statisticsImages;
    // Validation reports plain cross-entropy, also when training smooths its labels, so that
    // val_loss stays comparable between runs.
    private final Loss validationLoss = Loss.softmaxCrossEntropyLoss();
    private int[] predictions = new int[0];
    // Images per validation batch, measured on the first validation (see InferenceBatch).
    private int validationBatch;

    @Inject
    HoldOutValidation(
            @RunModule.TrainingImages ImageSet images,
            HoldOutSplit split,
            @RunModule.EvaluationAugmentation AugmentationPipeline evalAugment,
            TrainConfig train,
            TestTimeAugmentation views,
            RunState state) {
        this.split = requireNonNull(split, "split is null");
        this.evalAugment = requireNonNull(evalAugment, "evalAugment is null");
        this.state = requireNonNull(state, "state is null");
        this.assembler = new BatchAssembler(images);
        this.batchSize = train.batchSize();
        this.seed = train.seed();
        this.views = requireNonNull(views, "views is null");
    }

    /**
     * Validates the run's kept network ({@link RunState#keptModel}: the weight average with {@code
     * train.ema}) on the hold-out.
     *
     * @return the mean cross-entropy and the top-1 accuracy, both {@code NaN} without a hold-out
     */
    double[] validate() {
        recomputeAverageStatistics();
        int[] indices = split.validation();
        if (indices.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        SplittableRandom unused = new SplittableRandom(0);
        int[] predicted = new int[indices.length];
        double lossSum = 0;
        long correct = 0;
        Trainer trainer = state.trainer();
        int evalBatch = validationBatch(indices);
        for (int from = 0; from < indices.length; from += evalBatch) {
            int to = Math.min(indices.length, from + evalBatch);
            try (NDManager manager = trainer.getManager().newSubManager()) {
                NDArray images = assembler.images(manager, indices, from, to);
                NDArray labels = assembler.labels(manager, indices, from, to);
                NDArray input = evalAugment.apply(images, unused);
                NDArray scores;
                if (views.views() == 1) {
                    NDList predictions = state.evaluate(new NDList(input));
                    NDArray loss = validationLoss.evaluate(new NDList(labels), predictions);
                    lossSum += loss.getFloat() * (to - from);
                    scores = predictions.singletonOrThrow();
                } else {
                    scores =
                            views.probabilities(
                                    input,
                                    batch -> state.evaluate(new NDList(batch)).singletonOrThrow());
                    lossSum += crossEntropySum(scores, labels);
                }
                correct += EpochRunner.countCorrect(scores, labels);
                int[] classes = scores.argMax(1).toType(DataType.INT32, false).toIntArray();
                System.arraycopy(classes, 0, predicted, from, classes.length);
            }
        }
        predictions = predicted;
        return new double[] {lossSum / indices.length, (double) correct / indices.length};
    }

    /**
     * The summed cross-entropy {@code -ln p(label)} of (N, K) probabilities; a probability that
     * rounds to 0 counts as the smallest positive float, so that one image cannot make it infinite.
     */
    private static double crossEntropySum(NDArray probabilities, NDArray labels) {
        float[] values = probabilities.toFloatArray();
        int classes = (int) probabilities.getShape().get(1);
        double sum = 0;
        if (labels.getShape().dimension() == 2) {
            // Class probabilities as labels: -sum over classes of label * ln p.
            float[] weights = labels.toType(DataType.FLOAT32, false).toFloatArray();
            for (int i = 0; i < values.length; i++) {
                if (weights[i] != 0) {
                    sum -= weights[i] * Math.log(Math.max(values[i], Float.MIN_NORMAL));
                }
            }
            return sum;
        }
        int[] truth = labels.toType(DataType.INT32, false).toIntArray();
        for (int i = 0; i < truth.length; i++) {
            sum -= Math.log(Math.max(values[i * classes + truth[i]], Float.MIN_NORMAL));
        }
        return sum;
    }

    /**
     * Recomputes the weight average's batch-norm statistics from {@code train.ema.batchNormBatches}
     * batches of the training images (full batches of the training batch size, fewer when the
     * training images are fewer; one batch of all of them when they fill no batch), through the
     * evaluation augmentation, which draws no random numbers: the training's draws stay the same.
     */
    private void recomputeAverageStatistics() {
        int wanted = state.averageStatisticsBatches();
        if (wanted == 0) {
            return;
        }
        if (statisticsImages == null) {
            int[] train = split.train();
            int[] order =
                    EpochRunner.shuffled(train, new SplittableRandom(seed ^ 0x5EED_B47C_A11L));
            int count = Math.max(1, Math.min(wanted, train.length / batchSize));
            statisticsImages = Arrays.copyOf(order, Math.min(order.length, count * batchSize));
        }
        int[] indices = statisticsImages;
        int size = Math.min(batchSize, indices.length);
        SplittableRandom unused = new SplittableRandom(0);
        state.recomputeAverageStatistics(
                indices.length / size,
                (manager, i) ->
                        evalAugment.apply(
                                assembler.images(manager, indices, i * size, (i + 1) * size),
                                unused));
    }

    /**
     * The training batch size or 256, whichever is larger, lowered when that many images would hold
     * more memory than {@link InferenceBatch} allows.
     */
    private int validationBatch(int[] indices) {
        if (validationBatch == 0) {
            Trainer trainer = state.trainer();
            long perImage =
                    InferenceBatch.measure(
                            trainer.getManager(),
                            manager -> {
                                NDArray one =
                                        evalAugment.apply(
                                                assembler.images(manager, indices, 0, 1),
                                                new SplittableRandom(0));
                                NDList output = state.evaluate(new NDList(one));
                                for (NDArray view : views.extraViews(one)) {
                                    output = state.evaluate(new NDList(view));
                                }
                                return output;
                            });
            validationBatch = InferenceBatch.capAndLog(Math.max(batchSize, 256), perImage);
        }
        return validationBatch;
    }

    /**
     * Returns the predicted class index of each hold-out image in the last validation, in the order
     * of the split's validation indices; empty before the first or without a hold-out.
     */
    int[] predictions() {
        return predictions.clone();
    }
}
