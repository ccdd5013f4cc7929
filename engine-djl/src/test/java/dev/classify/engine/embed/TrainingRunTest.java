package dev.classify.engine.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.classify.api.ConfigurationException;
import dev.classify.api.EpochEnd;
import dev.classify.api.InvalidDataException;
import dev.classify.api.RunEnd;
import dev.classify.api.RunStart;
import dev.classify.api.TrainingListener;
import dev.classify.engine.Classify;
import dev.classify.engine.config.ConfigurationLoader;
import dev.classify.engine.config.PipelineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TrainingRunTest {
    private static final Path DATA =
            Path.of("..", "examples", "fashion-mnist-small").toAbsolutePath().normalize();

    private final ConfigurationLoader loader =
            new ConfigurationLoader(Classify.forClassPath().catalog());

    @TempDir Path folder;

    private PipelineConfig yaml(String text) {
        return loader.parse(text, DATA, List.of(), Path.of("test.yaml"));
    }

    @Test
    void givesTheRecordsOfTheEquivalentYaml() {
        PipelineConfig expected =
                yaml(
                        """
                        data:
                          train: {images: train.npy, labels: train.csv}
                          test: {images: test.npy}
                          validation: {size: 1000}
                        model: {type: resnet, depth: 18, stem: small, width: 0.25}
                        augment:
                          train:
                            - {type: random-crop, size: 28, padding: 4}
                            - {type: random-flip}
                            - {type: normalize, mean: [0.286], std: [0.353]}
                          eval:
                            - {type: normalize, mean: [0.286], std: [0.353]}
                        train:
                          epochs: 3
                          batchSize: 128
                          optimizer: {type: sgd, learningRate: 0.1, nesterov: true}
                          scheduler: {type: cosine, warmupEpochs: 1}
                          labelSmoothing: 0.1
                          device: cpu
                          seed: 7
                        """);
        Map<String, Object> normalize = Map.of("mean", List.of(0.286), "std", List.of(0.353));
        PipelineConfig built =
                TrainingRun.builder()
                        .trainImages(DATA.resolve("train.npy"), DATA.resolve("train.csv"))
                        .testImages(DATA.resolve("test.npy"))
                        .validationSize(1000)
                        .model("resnet", Map.of("depth", 18, "stem", "small", "width", 0.25))
                        .trainStep("random-crop", Map.of("size", 28, "padding", 4))
                        .trainStep("random-flip", Map.of())
                        .trainStep("normalize", normalize)
                        .evalStep("normalize", normalize)
                        .epochs(3)
                        .batchSize(128)
                        .optimizer("sgd", Map.of("learningRate", 0.1, "nesterov", true))
                        .scheduler("cosine", Map.of("warmupEpochs", 1))
                        .set("train.labelSmoothing", 0.1)
                        .device("cpu")
                        .seed(7)
                        .build()
                        .config();

        assertThat(built).isEqualTo(expected);
    }

    @Test
    void fillsTheSameDefaults() {
        PipelineConfig built =
                TrainingRun.builder()
                        .trainImages(DATA.resolve("train.npy"), DATA.resolve("train.csv"))
                        .build()
                        .config();

        assertThat(built).isEqualTo(yaml("data: {train: {images: train.npy, labels: train.csv}}"));
    }

    @Test
    void reportsTheSameProblemsAtOnce() {
        ConfigurationException fromYaml =
                catchThrowableOfType(
                        ConfigurationException.class,
                        () ->
                                yaml(
                                        """
                                        data: {train: {images: train.npy, labels: train.csv}}
                                        model: {type: resnt}
                                        augment: {eval: [{type: normalize, mean: [0.5]}]}
                                        train: {epochs: 0, epoch: 3, optimizer: {type: adam, momentum: 0.9}}
                                        """));
        ConfigurationException fromBuilder =
                catchThrowableOfType(
                        ConfigurationException.class,
                        () ->
                                TrainingRun.builder()
                                        .trainImages(
                                                DATA.resolve("train.npy"),
                                                DATA.resolve("train.csv"))
                                        .model("resnt", Map.of())
                                        .evalStep("normalize", Map.of("mean", List.of(0.5)))
                                        .epochs(0)
                                        .set("train.epoch", 3)
                                        .optimizer("adam", Map.of("momentum", 0.9))
                                        .build());

        assertThat(fromYaml.problems()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(fromBuilder.problems()).isEqualTo(fromYaml.problems());
        assertThat(fromBuilder.problems())
                .contains(
                        "model.type: unknown model 'resnt'; known: [resnet, resnet9, se-resnet, simple-cnn]")
                .contains("train.epochs: must be at least 1, got 0");
    }

    @Test
    void appendsListenersInOrderCheckedAsTheYamlsAre() {
        ConfigurationException e =
                catchThrowableOfType(
                        ConfigurationException.class,
                        () ->
                                TrainingRun.builder()
                                        .trainImages(
                                                DATA.resolve("train.npy"),
                                                DATA.resolve("train.csv"))
                                        .listener("json-lines", Map.of("file", "a.jsonl"))
                                        .listener("csv-lines", Map.of())
                                        .build());

        // The class path holds no listener plugin.
        assertThat(e.problems())
                .containsExactly(
                        "listeners[0].type: unknown listener 'json-lines'; known: []",
                        "listeners[1].type: unknown listener 'csv-lines'; known: []");
    }

    @Test
    void requiresTrainingData() {
        assertThatThrownBy(() -> TrainingRun.builder().epochs(2).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("data: is required");
    }

    @Test
    void setReachesNestedKeysOfMapsGivenEarlier() {
        PipelineConfig built =
                TrainingRun.builder()
                        .trainImages(DATA.resolve("train.npy"), DATA.resolve("train.csv"))
                        .set("train", Map.of("optimizer", Map.of("type", "adam")))
                        .set("train.optimizer.learningRate", 0.005)
                        .build()
                        .config();

        assertThat(built.train().optimizer().type()).isEqualTo("adam");
        assertThat(built.train().optimizer().learningRate()).isEqualTo(0.005);
        assertThatThrownBy(() -> TrainingRun.builder().set("train..epochs", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a configuration key: 'train..epochs'");
    }

    @Test
    void neverTrainsIntoANonEmptyFolder() throws IOException {
        Files.writeString(folder.resolve("notes.txt"), "mine");
        TrainingRun run =
                TrainingRun.builder()
                        .trainImages(DATA.resolve("train.npy"), DATA.resolve("train.csv"))
                        .build();

        assertThatThrownBy(() -> run.train(folder))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("the run folder exists and is not empty");
        assertThat(Files.readString(folder.resolve("notes.txt"))).isEqualTo("mine");
    }

    @Test
    void anApplicationsListenerHearsTheRunAfterTheBuiltInOnes() throws IOException {
        List<String> heard = new java.util.ArrayList<>();
        TrainingListener listener =
                new TrainingListener() {
                    @Override
                    public void runStarted(RunStart run) {
                        heard.add("started " + run.firstEpoch() + ".." + run.epochs());
                    }

                    @Override
                    public void epochFinished(EpochEnd epoch) {
                        // The built-in listeners wrote the epoch's row before this one hears it.
                        heard.add(
                                "epoch "
                                        + epoch.metrics().epoch()
                                        + " metrics.csv rows "
                                        + lines(folder.resolve("run/metrics.csv")));
                    }

                    @Override
                    public void runFinished(RunEnd run) {
                        heard.add("finished, best " + run.bestEpoch());
                    }
                };
        TrainingRun run =
                TrainingRun.builder()
                        .trainImages(DATA.resolve("train.npy"), DATA.resolve("train.csv"))
                        .validationSize(100)
                        .epochs(2)
                        .build();

        TrainingResult result = run.train(folder.resolve("run"), listener);

        assertThat(heard)
                .containsExactly(
                        "started 1..2",
                        "epoch 1 metrics.csv rows 2",
                        "epoch 2 metrics.csv rows 3",
                        "finished, best " + result.bestEpoch());
        assertThat(result.epochs()).hasSize(2);
        assertThat(result.best().validationAccuracy())
                .isEqualTo(result.epochs().get(result.bestEpoch() - 1).validationAccuracy());
        assertThat(run.configuration()).containsKeys("data", "model", "augment", "train");
        assertThatThrownBy(() -> run.configuration().put("engine", "PyTorch"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private static long lines(Path file) {
        try (var stream = Files.lines(file)) {
            return stream.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
