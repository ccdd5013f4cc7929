package dev.classify.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.classify.api.EpochMetrics;
import dev.classify.api.ImageSet;
import dev.classify.engine.Classify;
import dev.classify.engine.config.ConfigurationLoader;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.data.FixtureSubset;
import dev.classify.engine.model.ModelDescription;
import dev.classify.engine.model.SavedModel;
import dev.classify.engine.plugin.PluginCatalog;
import dev.classify.engine.runtime.EngineChoice;
import dev.classify.engine.runtime.RuntimeReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The same configuration and models train on both engines: the simple CNN and a narrow ResNet-18
 * (batch normalization, residual blocks) with the 28x28 recipe (random crop with padding, flip,
 * normalize), Nesterov SGD and label smoothing, one epoch each on MXNet and on PyTorch, on the
 * first 1,500 images of the committed Fashion-MNIST subset (300 held out). Also: a model saved by
 * one engine predicts the same with the other, and a PyTorch run resumed from its checkpoint
 * (Adam's moments and step counts restored) gives the metrics of one trained in one go.
 */
final class EngineParityTest {
    private static final String CONFIG =
            """
            data:
              train: {images: train.npy, labels: train.csv}
              validation: {size: 300, seed: 42}
            model: {type: simple-cnn}
            augment:
              train:
                - {type: random-crop, size: 28, padding: 4}
                - {type: random-flip, horizontal: true}
                - {type: normalize, mean: [0.286], std: [0.353]}
              eval:
                - {type: normalize, mean: [0.286], std: [0.353]}
            train:
              epochs: 1
              batchSize: 32
              optimizer: {type: sgd, learningRate: 0.05, momentum: 0.9, nesterov: true}
              labelSmoothing: 0.1
              device: cpu
              seed: 42
            """;

    private static final RunListener QUIET = new RunListener() {};

    @TempDir static Path data;

    private static PluginCatalog catalog;
    private static Classify pipeline;

    @BeforeAll
    static void writeData() throws IOException {
        FixtureSubset.write(data, 1500);
        Classify root = Classify.forClassPath();
        catalog = root.catalog();
        pipeline = root;
    }

    private static PipelineConfig config(String... overrides) {
        return new ConfigurationLoader(catalog)
                .parse(CONFIG, data, List.of(overrides), Path.of("parity-test.yaml"));
    }

    @ParameterizedTest
    @CsvSource({"MXNet, simple-cnn", "PyTorch, simple-cnn", "MXNet, resnet", "PyTorch, resnet"})
    void theSameConfigurationTrainsOnBothEngines(String engine, String model, @TempDir Path run)
            throws IOException {
        String[] overrides =
                model.equals("resnet")
                        ? new String[] {
                            "engine=" + engine,
                            "model={type: resnet, depth: 18, stem: small, width: 0.25}"
                        }
                        : new String[] {"engine=" + engine};
        PreparedRun prepared = pipeline.prepare(config(overrides));
        List<String> messages = new java.util.ArrayList<>();
        RunResult result =
                pipeline.train(
                        prepared,
                        run,
                        new RunListener() {
                            @Override
                            public void message(String text) {
                                messages.add(text);
                            }
                        });

        EpochMetrics epoch = result.epochs().get(0);
        // One epoch of 38 steps: far from converged, but well above chance (0.1).
        assertThat(epoch.validationAccuracy()).as("%s on %s", model, engine).isGreaterThan(0.25);
        assertThat(epoch.trainLoss()).isFinite();
        assertThat(messages.get(0)).startsWith("engine: " + engine + " ").contains("cpu()");
        assertThat(Files.readString(run.resolve("model").resolve(ModelDescription.FILE_NAME)))
                .contains("\"engine\" : \"" + engine + "\"");
        assertThat(Files.readString(run.resolve("config.yaml"))).contains("engine: " + engine);
    }

    @Test
    void aModelTrainedWithOneEngineLoadsWithTheOther(@TempDir Path run) throws IOException {
        PreparedRun prepared = pipeline.prepare(config("engine=MXNet"));
        pipeline.train(prepared, run, QUIET);
        ImageSet images = prepared.train();
        Path source = data.resolve("train.npy");
        float[][] mxnet;
        float[][] pytorch;
        try (SavedModel saved = SavedModel.load(run, catalog)) {
            assertThat(saved.engine()).isEqualTo("MXNet");
            mxnet = saved.probabilities(images, source, 256, false);
        }
        try (SavedModel saved = SavedModel.load(run, catalog, "PyTorch")) {
            assertThat(saved.engine()).isEqualTo("PyTorch");
            assertThat(saved.runtime()).startsWith("engine: PyTorch ").contains("libtorch_cpu.so");
            pytorch = saved.probabilities(images, source, 256, false);
        }
        assertThat(pytorch).hasSameDimensionsAs(mxnet);
        for (int i = 0; i < mxnet.length; i++) {
            for (int k = 0; k < mxnet[i].length; k++) {
                assertThat(pytorch[i][k]).isCloseTo(mxnet[i][k], within(1e-4f));
            }
        }
    }

    @Test
    void aPyTorchRunResumesAsIfTrainedInOneGo(@TempDir Path straight, @TempDir Path resumed)
            throws IOException {
        String[] settings = {
            "engine=PyTorch",
            "train.optimizer={type: adam, learningRate: 0.001}",
            "train.labelSmoothing=0"
        };
        RunResult oneGo =
                pipeline.train(
                        pipeline.prepare(config(append(settings, "train.epochs=2"))),
                        straight,
                        QUIET);
        pipeline.train(
                pipeline.prepare(config(append(settings, "train.epochs=1"))), resumed, QUIET);
        RunResult continued =
                pipeline.resume(
                        pipeline.prepare(config(append(settings, "train.epochs=2"))),
                        resumed,
                        QUIET);

        assertThat(continued.epochs()).hasSize(2);
        EpochMetrics expected = oneGo.epochs().get(1);
        EpochMetrics actual = continued.epochs().get(1);
        assertThat(actual.trainLoss()).isCloseTo(expected.trainLoss(), within(1e-6));
        assertThat(actual.validationLoss()).isCloseTo(expected.validationLoss(), within(1e-6));
        assertThat(actual.validationAccuracy()).isEqualTo(expected.validationAccuracy());
    }

    @Test
    void reportsTheLoadedNativeLibraryDeviceAndThreads() {
        String mxnet = RuntimeReport.describe(EngineChoice.load("MXNet"), List.of(Device.cpu()));
        String pytorch =
                RuntimeReport.describe(EngineChoice.load("PyTorch"), List.of(Device.cpu()));

        assertThat(mxnet)
                .startsWith("engine: MXNet 1.9")
                .contains("libmxnet.so")
                .contains("no CUDA")
                .contains("device: cpu()")
                .contains("threads: ");
        assertThat(pytorch)
                .startsWith("engine: PyTorch 2.7.1")
                .contains("libtorch_cpu.so")
                .contains("device: cpu()")
                .containsPattern("threads: \\d+ intra-op, \\d+ inter-op");
        assertThat(Engine.getEngine("PyTorch").getEngineName()).isEqualTo("PyTorch");
    }

    private static String[] append(String[] values, String value) {
        String[] result = java.util.Arrays.copyOf(values, values.length + 1);
        result[values.length] = value;
        return result;
    }
}
