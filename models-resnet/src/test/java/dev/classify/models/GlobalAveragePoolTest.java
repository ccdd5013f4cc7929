package dev.classify.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class GlobalAveragePoolTest {
    private static final Shape INPUT = new Shape(2, 3, 5, 7);

    private static float[] forward(Block block, NDArray input, boolean training) {
        NDManager manager = input.getManager();
        NDList output =
                block.forward(new ParameterStore(manager, false), new NDList(input), training);
        assertThat(output.singletonOrThrow().getShape()).isEqualTo(new Shape(2, 3));
        return output.singletonOrThrow().toFloatArray();
    }

    /** The input's gradient of sum(output * weights), output recorded in training mode. */
    private static float[] inputGradient(Block block, NDArray input, NDArray weights) {
        NDManager manager = input.getManager();
        input.setRequiresGradient(true);
        try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
            NDArray output =
                    block.forward(new ParameterStore(manager, false), new NDList(input), true)
                            .singletonOrThrow();
            collector.backward(output.mul(weights).sum());
        }
        return input.getGradient().toFloatArray();
    }

    private static byte[] saved(Block block, NDManager manager) throws IOException {
        block.initialize(manager, DataType.FLOAT32, INPUT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        }
        return bytes.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"MXNet", "PyTorch"})
    void trainingAndPredictionGiveDjlsValuesAndGradients(String engineName) {
        Engine engine = Engine.getEngine(engineName);
        engine.setRandomSeed(7);
        try (NDManager manager = engine.newBaseManager()) {
            NDArray input = manager.randomNormal(INPUT);
            NDArray weights = manager.randomNormal(new Shape(2, 3));
            Block djl = Pool.globalAvgPool2dBlock();
            Block ours = new GlobalAveragePool();

            float[] expected = forward(djl, input, false);
            assertThat(forward(ours, input, false)).containsExactly(expected);
            assertThat(forward(ours, input, true)).containsExactly(expected, offset(1e-6f));

            // d/dx of sum(w * mean_hw(x)) is w / (H W) at every pixel.
            float[] gradient = inputGradient(ours, input.duplicate(), weights);
            float[] djlGradient = inputGradient(djl, input.duplicate(), weights);
            assertThat(gradient).containsExactly(djlGradient, offset(1e-7f));
            float[] w = weights.toFloatArray();
            assertThat(gradient[0]).isCloseTo(w[0] / 35f, offset(1e-7f));
            assertThat(gradient[gradient.length - 1])
                    .isCloseTo(w[w.length - 1] / 35f, offset(1e-7f));
        }
    }

    @Test
    void isSavedAsDjlsBlockIs() throws IOException {
        try (NDManager manager = Engine.getEngine("MXNet").newBaseManager()) {
            assertThat(saved(new GlobalAveragePool(), manager))
                    .isEqualTo(saved(Pool.globalAvgPool2dBlock(), manager));
            assertThat(new GlobalAveragePool().toString())
                    .isEqualTo(Pool.globalAvgPool2dBlock().toString());
        }
    }
}
