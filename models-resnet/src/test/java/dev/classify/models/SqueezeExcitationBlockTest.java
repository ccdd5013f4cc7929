package dev.classify.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class SqueezeExcitationBlockTest {

    private static final Shape INPUT = new Shape(2, 8, 3, 3);

    @Test
    void scalesEachChannelByTheSigmoidOfItsGate() {
        SqueezeExcitationBlock block = new SqueezeExcitationBlock(8, 4);
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, INPUT);
            NDArray input = manager.randomNormal(INPUT);
            float[] x = input.toFloatArray();
            float[] w1 = weights(block, "reduce_weight"); // (2, 8)
            float[] b1 = weights(block, "reduce_bias"); // (2)
            float[] w2 = weights(block, "expand_weight"); // (8, 2)
            float[] b2 = weights(block, "expand_bias"); // (8)

            float[] output =
                    block.forward(new ParameterStore(manager, false), new NDList(input), false)
                            .singletonOrThrow()
                            .toFloatArray();

            int pixels = 9;
            for (int n = 0; n < 2; n++) {
                double[] mean = new double[8];
                for (int c = 0; c < 8; c++) {
                    for (int p = 0; p < pixels; p++) {
                        mean[c] += x[(n * 8 + c) * pixels + p] / pixels;
                    }
                }
                double[] hidden = new double[2];
                for (int h = 0; h < 2; h++) {
                    hidden[h] = b1[h];
                    for (int c = 0; c < 8; c++) {
                        hidden[h] += w1[h * 8 + c] * mean[c];
                    }
                    hidden[h] = Math.max(0, hidden[h]);
                }
                for (int c = 0; c < 8; c++) {
                    double gate = b2[c] + w2[c * 2] * hidden[0] + w2[c * 2 + 1] * hidden[1];
                    double scale = 1 / (1 + Math.exp(-gate));
                    for (int p = 0; p < pixels; p++) {
                        int i = (n * 8 + c) * pixels + p;
                        assertThat((double) output[i]).isCloseTo(x[i] * scale, offset(1e-5));
                    }
                }
            }
        }
    }

    @Test
    void aZeroGateHalvesTheInput() {
        SqueezeExcitationBlock block = new SqueezeExcitationBlock(8, 16);
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, INPUT);
            for (Pair<String, Parameter> parameter : block.getParameters()) {
                parameter.getValue().getArray().muli(0);
            }
            NDArray input = manager.randomNormal(INPUT);

            NDArray output =
                    block.forward(new ParameterStore(manager, false), new NDList(input), true)
                            .singletonOrThrow();

            assertThat(output.getShape()).isEqualTo(INPUT);
            assertThat(output.allClose(input.mul(0.5f))).isTrue();
            // max(1, 8 / 16) hidden units: 8 + 1 weights and biases in, 8 + 8 out
            assertThat(TrainableParameters.count(block)).isEqualTo(8 + 1 + 8 + 8);
        }
    }

    /**
     * Training takes other operators than prediction (a spatial mean, an explicit broadcast, both
     * faster to differentiate on MXNet): the same values, and the same gradients as prediction's
     * operators recorded.
     */
    @ParameterizedTest
    @ValueSource(strings = {"MXNet", "PyTorch"})
    void trainingGivesPredictionsValuesAndGradients(String engine) {
        SqueezeExcitationBlock block = new SqueezeExcitationBlock(8, 4);
        try (NDManager manager = NDManager.newBaseManager(engine)) {
            manager.getEngine().setRandomSeed(11);
            block.initialize(manager, DataType.FLOAT32, INPUT);
            NDArray input = manager.randomNormal(INPUT);
            NDArray outputWeights = manager.randomNormal(INPUT);
            NDArray reduceWeight = parameter(block, "reduce_weight");
            reduceWeight.setRequiresGradient(true);

            float[][] training = valueAndGradients(block, input, outputWeights, reduceWeight, true);
            float[][] predicting =
                    valueAndGradients(block, input, outputWeights, reduceWeight, false);

            for (int i = 0; i < training.length; i++) {
                assertThat(training[i]).containsExactly(predicting[i], offset(1e-5f));
            }
            assertThat(training[1])
                    .as("input gradient")
                    .isNotEqualTo(new float[training[1].length]);
            assertThat(training[2])
                    .as("weight gradient")
                    .isNotEqualTo(new float[training[2].length]);
        }
    }

    /** The output, and the gradients of sum(output * outputWeights) for the input and weight. */
    private static float[][] valueAndGradients(
            SqueezeExcitationBlock block,
            NDArray input,
            NDArray outputWeights,
            NDArray weight,
            boolean training) {
        NDManager manager = input.getManager();
        NDArray x = input.duplicate();
        x.setRequiresGradient(true);
        float[] output;
        try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
            NDArray y =
                    block.forward(new ParameterStore(manager, false), new NDList(x), training)
                            .singletonOrThrow();
            output = y.toFloatArray();
            collector.backward(y.mul(outputWeights).sum());
        }
        float[] weightGradient;
        try (NDArray gradient = weight.getGradient()) {
            weightGradient = gradient.toFloatArray();
            // PyTorch adds each backward pass's gradient to the last; MXNet overwrites it.
            gradient.muli(0);
        }
        return new float[][] {output, x.getGradient().toFloatArray(), weightGradient};
    }

    @Test
    void rejectsAnInputWithOtherChannels() {
        SqueezeExcitationBlock block = new SqueezeExcitationBlock(8, 4);
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(
                            () ->
                                    block.initialize(
                                            manager, DataType.FLOAT32, new Shape(1, 4, 3, 3)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("expected (N, 8, H, W) input");
        }
    }

    private static NDArray parameter(SqueezeExcitationBlock block, String suffix) {
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            if (parameter.getKey().endsWith(suffix)) {
                return parameter.getValue().getArray();
            }
        }
        throw new AssertionError("no parameter *" + suffix + " in " + block.getParameters().keys());
    }

    private static float[] weights(SqueezeExcitationBlock block, String suffix) {
        return parameter(block, suffix).toFloatArray();
    }
}
