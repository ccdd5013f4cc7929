package dev.classify.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.classify.api.ConfigurationException;
import dev.classify.engine.Classify;
import dev.classify.engine.config.ConfigurationLoader;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.model.ModelDefinition;
import dev.classify.engine.model.SavedParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pretrains a tiny ResNet-20 (width 0.25) for one epoch on 300 images of the committed
 * Fashion-MNIST subset, then fine-tunes it with its stem and first stage frozen, and checks what
 * stays fixed, what trains, and what {@code model.pretrained} and {@code train.freeze} refuse.
 */
final class FineTuneTest {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    private static final String CONFIG =
            """
            data:
              train:
                images: fashion-mnist-small/train.npy
                labels: fashion-mnist-small/train.csv
              validation:
                size: 5700
                seed: 42
            model:
              type: resnet
              depth: 20
              width: 0.25
            train:
              epochs: 1
              batchSize: 50
              optimizer: {type: sgd, learningRate: 0.1, momentum: 0.9, weightDecay: 0.01}
              device: cpu
              seed: 42
            """;

    @TempDir static Path pretrained;
    @TempDir static Path finetuned;

    private static Classify root;
    private static final List<String> messages = new ArrayList<>();

    @BeforeAll
    static void pretrainAndFineTune() throws IOException {
        root = Classify.forClassPath();
        root.train(root.prepare(config()), pretrained, new RunListener() {});
        RunListener console =
                new RunListener() {
                    @Override
                    public void message(String text) {
                        messages.add(text);
                    }
                };
        root.train(
                root.prepare(
                        config(
                                "model.pretrained=" + pretrained,
                                "train.freeze=[stem, stage1]",
                                "train.seed=7")),
                finetuned,
                console);
    }

    private static PipelineConfig config(String... overrides) {
        return new ConfigurationLoader()
                .parse(CONFIG, EXAMPLES, List.of(overrides), Path.of("finetune-test.yaml"));
    }

    @Test
    void frozenLayersKeepTheirParametersAndStatisticsBitForBit() {
        Map<String, float[]> before = parameters(pretrained);
        Map<String, float[]> after = parameters(finetuned);
        List<String> frozen =
                before.keySet().stream()
                        .filter(key -> key.startsWith("01stem_") || key.startsWith("02stage1_"))
                        .toList();
        assertThat(frozen)
                .anyMatch(key -> key.endsWith("runningMean"))
                .anyMatch(key -> key.endsWith("runningVar"))
                .anyMatch(key -> key.endsWith("gamma"))
                .anyMatch(key -> key.endsWith("beta"))
                .anyMatch(key -> key.endsWith("weight"));
        for (String key : frozen) {
            assertThat(after.get(key)).as(key).isEqualTo(before.get(key));
        }
        for (String key : before.keySet()) {
            if (key.startsWith("03stage2_")) {
                assertThat(Arrays.equals(after.get(key), before.get(key))).as(key).isFalse();
            }
        }
    }

    @Test
    void freezesTheSameOnPyTorch(@TempDir Path run) throws IOException {
        root.train(
                root.prepare(
                        config(
                                "model.pretrained=" + pretrained,
                                "train.freeze=[stem, stage1]",
                                "engine=PyTorch")),
                run,
                new RunListener() {});
        Map<String, float[]> before = parameters(pretrained);
        Map<String, float[]> after = parameters(run);
        for (String key : before.keySet()) {
            boolean frozen = key.startsWith("01stem_") || key.startsWith("02stage1_");
            assertThat(Arrays.equals(after.get(key), before.get(key))).as(key).isEqualTo(frozen);
        }
    }

    @Test
    void resumingKeepsTheFrozenLayersFrozen(@TempDir Path run) throws IOException {
        String[] fineTune = {"model.pretrained=" + pretrained, "train.freeze=[stem, stage1]"};
        root.train(root.prepare(config(fineTune)), run, new RunListener() {});
        String[] longer = {fineTune[0], fineTune[1], "train.epochs=2"};
        root.resume(root.prepare(config(longer)), run, new RunListener() {});

        assertThat(Checkpoint.read(Checkpoint.folder(run, Checkpoint.LAST)).epoch()).isEqualTo(2);
        Map<String, float[]> before = parameters(pretrained);
        Map<String, float[]> after = parameters(run);
        for (String key : before.keySet()) {
            boolean frozen = key.startsWith("01stem_") || key.startsWith("02stage1_");
            assertThat(Arrays.equals(after.get(key), before.get(key))).as(key).isEqualTo(frozen);
        }
    }

    /** Was: the resume read model.pretrained again and failed once that folder was gone. */
    @Test
    void resumesWhenThePretrainedModelIsGone(@TempDir Path work) throws IOException {
        Path copy = work.resolve("pretrained-model");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(pretrained.resolve("model"))) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        Path run = Files.createDirectory(work.resolve("run"));
        String[] fineTune = {"model.pretrained=" + copy, "train.freeze=[stem]"};
        root.train(root.prepare(config(fineTune)), run, new RunListener() {});
        try (Stream<Path> files = Files.list(copy)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(copy);
        String[] longer = {fineTune[0], fineTune[1], "train.epochs=2"};

        assertThatThrownBy(() -> root.prepare(config(longer)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("model.pretrained");
        root.resume(root.prepareResume(config(longer)), run, new RunListener() {});
        assertThat(Checkpoint.read(Checkpoint.folder(run, Checkpoint.LAST)).epoch()).isEqualTo(2);
    }

    @Test
    void saysWhatItLoaded() {
        assertThat(messages)
                .anyMatch(m -> m.startsWith("pretrained: ") && m.contains("parameters loaded"))
                .noneMatch(m -> m.contains("re-initialised"));
        assertThat(finetuned.resolve("config.yaml"))
                .content()
                .contains("pretrained: " + pretrained)
                .contains("freeze:");
    }

    @Test
    void reinitialisesTheHeadForAnotherNumberOfClasses(@TempDir Path run) throws IOException {
        List<String> said = new ArrayList<>();
        root.train(
                root.prepare(config("model.pretrained=" + pretrained, "model.numClasses=12")),
                run,
                new RunListener() {
                    @Override
                    public void message(String text) {
                        said.add(text);
                    }
                });
        assertThat(said)
                .anyMatch(m -> m.endsWith("head 'classifier' re-initialised for 12 classes"));
        Map<String, float[]> before = parameters(pretrained);
        Map<String, float[]> after = parameters(run);
        assertThat(after.get("07classifier_weight")).hasSize(12 * 16);
        assertThat(before.get("07classifier_weight")).hasSize(10 * 16);
    }

    @Test
    void reinitialisesTheHeadForOtherClassesOfTheSameNumber(
            @TempDir Path first, @TempDir Path second) throws IOException {
        String[] twoClasses = {"data.train.classes=[0, 1]", "data.validation.size=1000"};
        root.train(root.prepare(config(twoClasses)), first, new RunListener() {});
        List<String> said = new ArrayList<>();
        root.train(
                root.prepare(
                        config(
                                "data.train.classes=[2, 3]",
                                "data.validation.size=1000",
                                "model.pretrained=" + first)),
                second,
                new RunListener() {
                    @Override
                    public void message(String text) {
                        said.add(text);
                    }
                });

        assertThat(said)
                .anyMatch(m -> m.endsWith("head 'classifier' re-initialised for 2 other classes"));
    }

    @Test
    void refusesAMissingPath() {
        assertThatThrownBy(() -> root.prepare(config("model.pretrained=no/such/folder")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("model.pretrained: ")
                .hasMessageContaining("does not exist; give a .safetensors file or a classify run");
    }

    @Test
    void refusesAModelOfAnotherArchitecture() {
        assertThatThrownBy(
                        () ->
                                root.prepare(
                                        config("model.pretrained=" + pretrained, "model.depth=32")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("model.pretrained: ")
                .hasMessageContaining("does not fit this network: ")
                .hasMessageContaining("holds resnet {depth=20, dropPath=0, width=0.25}")
                .hasMessageContaining(
                        "but this run trains resnet {depth=32, dropPath=0, width=0.25}")
                .hasMessageEndingWith(
                        "give a model of the same architecture, or set model to resnet {depth=20, dropPath=0, width=0.25}");
    }

    @Test
    void refusesAModelOfAnotherType() {
        assertThatThrownBy(
                        () ->
                                root.prepare(
                                        config(
                                                "model={type: se-resnet, depth: 20, width: 0.25}",
                                                "model.pretrained=" + pretrained)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("model.pretrained: ")
                .hasMessageContaining("holds resnet {")
                .hasMessageContaining("but this run trains se-resnet {");
    }

    @Test
    void namesTheOtherTypesOptionsWithoutTheRunsDefaults() {
        assertThatThrownBy(
                        () ->
                                root.prepare(
                                        config(
                                                "model={type: simple-cnn}",
                                                "model.pretrained=" + pretrained)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(
                        "holds resnet {depth=20, dropPath=0, width=0.25} but this run trains"
                                + " simple-cnn {channels=[10, 20], dropout=0, hidden=50,"
                                + " kernelSize=5}")
                .hasMessageEndingWith(
                        "give a model of the same architecture, or set model to resnet {depth=20,"
                                + " dropPath=0, width=0.25}");
    }

    @Test
    void refusesMisshapenParameters(@TempDir Path run) {
        // Three input channels make the stem's convolution (4, 3, 3, 3) instead of (4, 1, 3, 3).
        PipelineConfig config =
                config(
                        "model.pretrained=" + pretrained,
                        "augment.train=[to-rgb]",
                        "augment.eval=[to-rgb]");
        assertThatThrownBy(() -> root.train(root.prepare(config), run, new RunListener() {}))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("model.pretrained: ")
                .hasMessageContaining("01stem_01conv_weight is (4, 1, 3, 3), not (4, 3, 3, 3)");
    }

    @Test
    void refusesUnknownLayerNames() {
        assertThatThrownBy(() -> root.prepare(config("train.freeze=[stem, stage9]")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "train.freeze: unknown layer 'stage9'; the network's layers are [stem,"
                                + " stage1, stage2, stage3, pool, flatten, classifier] (classify"
                                + " summary shows them)");
    }

    @Test
    void refusesToFreezeEverything() {
        assertThatThrownBy(
                        () ->
                                root.prepare(
                                        config(
                                                "train.freeze=[stem, stage1, stage2, stage3,"
                                                        + " fc]")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("freezes every layer that holds parameters");
    }

    @Test
    void refusesAGapBeforeAFrozenLayer() {
        assertThatThrownBy(() -> root.prepare(config("train.freeze=[stage1]")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "train.freeze: freezes stage1 but not stem before it; freeze the first"
                                + " layers of the network, e.g. [stem, stage1]");
    }

    @Test
    void refusesToResumeWithOtherFrozenLayers() {
        assertThatThrownBy(
                        () ->
                                root.resume(
                                        root.prepare(
                                                config(
                                                        "model.pretrained=" + pretrained,
                                                        "train.freeze=[stem]",
                                                        "train.seed=7",
                                                        "train.epochs=2")),
                                        finetuned,
                                        new RunListener() {}))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "train.freeze: is [stem] but the run trained with [stem, stage1]; resume"
                                + " with the same train.freeze, or train a new run");
    }

    private static Map<String, float[]> parameters(Path run) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "MXNet")) {
            Map<String, NDArray> arrays =
                    SavedParameters.read(ModelDefinition.open(run, root.catalog()), manager);
            Map<String, float[]> values = new java.util.LinkedHashMap<>();
            arrays.forEach((key, array) -> values.put(key, array.toFloatArray()));
            return values;
        }
    }
}
