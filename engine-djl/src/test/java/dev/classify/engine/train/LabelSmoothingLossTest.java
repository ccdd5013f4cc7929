package dev.classify.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import dev.classify.engine.config.PipelineConfig;
import org.junit.jupiter.api.Test;

final class LabelSmoothingLossTest {
    private static NDManager manager() {
        return NDManager.newBaseManager(Device.cpu(), PipelineConfig.DEFAULT_ENGINE);
    }

    private static float evaluate(Loss loss, NDArray labels, NDArray logits) {
        return loss.evaluate(new NDList(labels), new NDList(logits)).getFloat();
    }

    @Test
    void withoutSmoothingEqualsDjlsSoftmaxCrossEntropy() {
        try (NDManager manager = manager()) {
            manager.getEngine().setRandomSeed(7);
            NDArray logits = manager.randomNormal(0, 3, new Shape(16, 10), DataType.FLOAT32);
            NDArray labels =
                    manager.create(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 8, 7, 0, 0, 3});

            float ours = evaluate(new LabelSmoothingLoss(0), labels, logits);
            float djl = evaluate(Loss.softmaxCrossEntropyLoss(), labels, logits);

            assertThat((double) ours).isCloseTo(djl, within(1e-6));
            assertThat(ours).isGreaterThan(0f);
        }
    }

    @Test
    void smoothsTowardsTheUniformDistribution() {
        // Image 1: logits ln 1, ln 2, ln 5 -> p = 1/8, 2/8, 5/8; label 2; eps 0.1, K = 3.
        //   target = (0.1/3, 0.1/3, 0.9 + 0.1/3)
        //   loss = 0.9 * -ln(5/8) + 0.1 * (ln 8 + ln 4 + ln(8/5)) / 3
        //        = 0.9 * 0.4700036292 + 0.1 * 1.3119131554 = 0.5541945841
        // Image 2: equal logits, label 0: every -ln p is ln 3, so the loss is ln 3 = 1.0986122887.
        // The batch mean: (0.5541945841 + 1.0986122887) / 2 = 0.8264034364.
        try (NDManager manager = manager()) {
            NDArray logits =
                    manager.create(
                            new float[] {0, (float) Math.log(2), (float) Math.log(5), 0, 0, 0},
                            new Shape(2, 3));
            NDArray labels = manager.create(new float[] {2, 0});

            float loss = evaluate(new LabelSmoothingLoss(0.1), labels, logits);

            // MXNet computes in float32: its log-softmax is off by about 2e-6 here.
            assertThat((double) loss).isCloseTo(0.8264034364, within(1e-5));
        }
    }

    @Test
    void equalsTheCrossEntropyAgainstTheSmoothedTarget() {
        // The definition written out with dense targets on random logits.
        try (NDManager manager = manager()) {
            manager.getEngine().setRandomSeed(11);
            NDArray logits = manager.randomNormal(0, 2, new Shape(8, 5), DataType.FLOAT32);
            float[] classes = {0, 4, 2, 2, 1, 3, 0, 4};
            NDArray labels = manager.create(classes);
            double eps = 0.2;
            NDArray target =
                    manager.create(classes)
                            .toType(DataType.INT32, false)
                            .oneHot(5)
                            .toType(DataType.FLOAT32, false)
                            .mul(1 - eps)
                            .add(eps / 5);
            float expected =
                    logits.logSoftmax(1).mul(target).sum(new int[] {1}).neg().mean().getFloat();

            float loss = evaluate(new LabelSmoothingLoss(eps), labels, logits);

            assertThat((double) loss).isCloseTo(expected, within(1e-6));
        }
    }

    @Test
    void takesSoftTargetsAsMixUpAndCutMixMakeThem() {
        // Image 1: logits ln 1, ln 2, ln 5 -> p = 1/8, 2/8, 5/8; target 0.3, 0, 0.7 (mixed).
        //   eps 0:   0.3 ln 8 + 0.7 ln(8/5) = 0.3 * 2.0794415417 + 0.7 * 0.4700036292
        //          = 0.9528350030
        //   eps 0.1: target 0.9 t + 0.1/3 = (0.30333, 0.03333, 0.66333)
        //            0.30333 ln 8 + 0.03333 ln 4 + 0.66333 ln(8/5) = 0.9887428204
        // Image 2: equal logits, target 0.5, 0.5, 0: ln 3 = 1.0986122887 for any eps.
        // Batch means: eps 0: 1.0257236458; eps 0.1: 1.0436775545.
        try (NDManager manager = manager()) {
            NDArray logits =
                    manager.create(
                            new float[] {0, (float) Math.log(2), (float) Math.log(5), 0, 0, 0},
                            new Shape(2, 3));
            NDArray targets =
                    manager.create(new float[] {0.3f, 0, 0.7f, 0.5f, 0.5f, 0}, new Shape(2, 3));

            assertThat((double) evaluate(new LabelSmoothingLoss(0), targets, logits))
                    .isCloseTo(1.0257236458, within(1e-5));
            assertThat((double) evaluate(new LabelSmoothingLoss(0.1), targets, logits))
                    .isCloseTo(1.0436775545, within(1e-5));
        }
    }

    @Test
    void oneHotTargetsGiveTheLossOfTheirClassIndices() {
        try (NDManager manager = manager()) {
            manager.getEngine().setRandomSeed(5);
            NDArray logits = manager.randomNormal(0, 2, new Shape(8, 5), DataType.FLOAT32);
            NDArray labels = manager.create(new float[] {0, 4, 2, 2, 1, 3, 0, 4});
            NDArray oneHot =
                    labels.toType(DataType.INT32, false).oneHot(5).toType(DataType.FLOAT32, false);
            for (double eps : new double[] {0, 0.1}) {
                LabelSmoothingLoss loss = new LabelSmoothingLoss(eps);
                assertThat((double) evaluate(loss, oneHot, logits))
                        .isCloseTo(evaluate(loss, labels, logits), within(1e-6));
            }
        }
    }
}
