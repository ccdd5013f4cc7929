package dev.classify.engine.train.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.classify.api.ConfigurationException;
import dev.classify.api.EpochEnd;
import dev.classify.api.EpochMetrics;
import dev.classify.api.RunEnd;
import dev.classify.api.TrainingListener;
import dev.classify.api.TrainingListenerProvider;
import dev.classify.engine.Classify;
import dev.classify.engine.config.ConfigurationLoader;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.data.FixtureSubset;
import dev.classify.engine.embed.TrainingResult;
import dev.classify.engine.embed.TrainingRun;
import dev.classify.engine.plugin.TestPluginJar;
import dev.classify.engine.train.RunListener;
import dev.classify.engine.train.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training listeners compiled here against the api alone, packed into a jar and dropped into a
 * plugin folder: {@code json-lines} writes one JSON line per epoch to its {@code file} (and, with
 * {@code end}, how the run ended), {@code stop-after} stops the run after its {@code epoch}. They
 * train through the composition root, after the built-in listeners.
 */
final class ListenerPluginJarTest {
    private static final String PACKAGE = "com.example.listeners";

    private static final String JSON_LINES =
            """
            package com.example.listeners;

            import dev.classify.api.EpochEnd;
            import dev.classify.api.EpochMetrics;
            import dev.classify.api.Options;
            import dev.classify.api.RunEnd;
            import dev.classify.api.RunStart;
            import dev.classify.api.TrainingListener;
            import dev.classify.api.TrainingListenerProvider;
            import java.io.IOException;
            import java.io.UncheckedIOException;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.nio.file.StandardOpenOption;
            import java.util.Locale;
            import java.util.Map;
            import java.util.Optional;

            public final class JsonLinesProvider implements TrainingListenerProvider {
                public String name() { return "json-lines"; }
                public String description() { return "one JSON line per epoch"; }

                public TrainingListener create(Options options) {
                    options.check(options.has("file"), "file", "is required: give the file");
                    Path file = Path.of(options.stringValue("file", ""));
                    Optional<String> end = options.optionalString("end");
                    options.validate();
                    return new TrainingListener() {
                        private String model;

                        public void runStarted(RunStart run) {
                            model = String.valueOf(((Map<?, ?>) run.configuration().get("model")).get("type"));
                            write(file, "", StandardOpenOption.TRUNCATE_EXISTING);
                        }

                        public void epochFinished(EpochEnd epoch) {
                            EpochMetrics m = epoch.metrics();
                            write(file, String.format(Locale.ROOT,
                                    "{\\"epoch\\": %d, \\"lr\\": %s, \\"train_loss\\": %s,"
                                            + " \\"train_accuracy\\": %s, \\"val_loss\\": %s,"
                                            + " \\"val_accuracy\\": %s, \\"model\\": \\"%s\\","
                                            + " \\"own_context\\": %s}%n",
                                    m.epoch(), m.learningRate(), m.trainLoss(), m.trainAccuracy(),
                                    m.validationLoss(), m.validationAccuracy(), model,
                                    Thread.currentThread().getContextClassLoader()
                                            == JsonLinesProvider.class.getClassLoader()),
                                    StandardOpenOption.APPEND);
                        }

                        public void runFinished(RunEnd run) {
                            end.ifPresent(name -> write(Path.of(name), String.format(Locale.ROOT,
                                    "{\\"epochs\\": %d, \\"best_epoch\\": %d, \\"stop\\": \\"%s\\"}%n",
                                    run.epochs().size(), run.bestEpoch(),
                                    run.stopReason().orElse("")),
                                    StandardOpenOption.TRUNCATE_EXISTING));
                        }
                    };
                }

                private static void write(Path file, String text, StandardOpenOption mode) {
                    try {
                        Files.writeString(file, text, StandardOpenOption.CREATE, mode);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
            """;

    private static final String STOP_AFTER =
            """
            package com.example.listeners;

            import dev.classify.api.EpochEnd;
            import dev.classify.api.Options;
            import dev.classify.api.TrainingListener;
            import dev.classify.api.TrainingListenerProvider;

            public final class StopAfterProvider implements TrainingListenerProvider {
                public String name() { return "stop-after"; }
                public String description() { return "stops the run after an epoch"; }

                public TrainingListener create(Options options) {
                    int last = options.intValue("epoch", 1);
                    options.check(last >= 1, "epoch", "must be at least 1");
                    options.validate();
                    return new TrainingListener() {
                        public void epochFinished(EpochEnd epoch) {
                            if (epoch.metrics().epoch() >= last) {
                                epoch.requestStop("stop-after: epoch " + last + " reached");
                            }
                        }
                    };
                }
            }
            """;

    private static final String CONFIG =
            """
            data:
              train: {images: train.npy, labels: train.csv}
              validation: {size: 300, seed: 42}
            model: {type: simple-cnn}
            augment:
              train: [{type: normalize, mean: [0.286], std: [0.353]}]
              eval: [{type: normalize, mean: [0.286], std: [0.353]}]
            train:
              epochs: 2
              batchSize: 64
              optimizer: {type: sgd, learningRate: 0.01, momentum: 0.9}
              device: cpu
              seed: 42
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path work;

    private static Path data;
    private static Path plugins;
    private static Classify root;

    @BeforeAll
    static void buildThePluginJarAndTheData() throws IOException {
        data = Files.createDirectories(work.resolve("data"));
        FixtureSubset.write(data, 1500);
        plugins = buildPluginJar();
        root = Classify.forPlugins(plugins);
    }

    private static Path buildPluginJar() throws IOException {
        Path folder = Files.createDirectories(work.resolve("plugins"));
        new TestPluginJar()
                .source(PACKAGE + ".JsonLinesProvider", JSON_LINES)
                .source(PACKAGE + ".StopAfterProvider", STOP_AFTER)
                .provides(TrainingListenerProvider.class, PACKAGE + ".JsonLinesProvider")
                .provides(TrainingListenerProvider.class, PACKAGE + ".StopAfterProvider")
                .writeTo(folder.resolve("listeners.jar"));
        return folder;
    }

    private static PipelineConfig config(String... overrides) {
        return root.configurationLoader()
                .parse(CONFIG, data, List.of(overrides), work.resolve("listeners.yaml"));
    }

    private static String listener(String type, String option, Object value) {
        return "{type: " + type + ", " + option + ": '" + value + "'}";
    }

    private static List<List<String>> metricsRows(Path run) throws IOException {
        return Files.readAllLines(run.resolve("metrics.csv")).stream()
                .skip(1)
                .map(line -> List.of(line.split(",", -1)))
                .toList();
    }

    /** The value as metrics.csv writes it. */
    private static String csv(JsonNode value) {
        return String.format(Locale.ROOT, "%.6g", value.asDouble());
    }

    @Test
    void aPluginListenerWritesOneJsonLinePerEpochAsMetricsCsvHasIt(@TempDir Path run)
            throws IOException {
        Path lines = work.resolve("epochs.jsonl");
        PipelineConfig config = config("listeners=[" + listener("json-lines", "file", lines) + "]");

        RunResult result = root.train(root.prepare(config), run, new RunListener() {});

        List<String> written = Files.readAllLines(lines);
        List<List<String>> rows = metricsRows(run);
        assertThat(written).hasSize(2);
        assertThat(rows).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode line = JSON.readTree(written.get(i));
            List<String> row = rows.get(i);
            assertThat(line.get("epoch").asInt()).isEqualTo(i + 1);
            assertThat(String.valueOf(line.get("epoch").asInt())).isEqualTo(row.get(0));
            assertThat(csv(line.get("lr"))).isEqualTo(row.get(1));
            assertThat(csv(line.get("train_loss"))).isEqualTo(row.get(2));
            assertThat(csv(line.get("train_accuracy"))).isEqualTo(row.get(3));
            assertThat(csv(line.get("val_loss"))).isEqualTo(row.get(4));
            assertThat(csv(line.get("val_accuracy"))).isEqualTo(row.get(5));
            // From the resolved configuration the listener got when the run started.
            assertThat(line.get("model").asText()).isEqualTo("simple-cnn");
            // Called with the plugin's class loader as the thread's context class loader.
            assertThat(line.get("own_context").asBoolean()).isTrue();
        }
        assertThat(result.epochs()).hasSize(2);
        // config.yaml keeps the listener and reads back as the configuration trained.
        assertThat(Files.readString(run.resolve("config.yaml"))).contains("listeners:");
        assertThat(
                        new ConfigurationLoader(root.catalog())
                                .load(run.resolve("config.yaml"), List.of())
                                .listeners())
                .isEqualTo(config.listeners());
    }

    @Test
    void aListenerStopsTheRunAfterItsEpochAndLaterListenersStillHearIt(@TempDir Path folder)
            throws IOException {
        Path lines = folder.resolve("epochs.jsonl");
        Path end = folder.resolve("end.json");
        Path run = folder.resolve("run");
        List<String> heard = new ArrayList<>();
        // The application's own listener, heard after the configuration's.
        TrainingListener application =
                new TrainingListener() {
                    @Override
                    public void epochFinished(EpochEnd epoch) {
                        heard.add("epoch " + epoch.metrics().epoch() + "/" + epoch.epochs());
                        epoch.stopReason().ifPresent(heard::add);
                    }

                    @Override
                    public void runFinished(RunEnd end) {
                        heard.add("finished: " + end.stopReason().orElse("-"));
                    }
                };
        Map<String, Object> normalize = Map.of("mean", List.of(0.286), "std", List.of(0.353));

        TrainingResult result =
                TrainingRun.builder(plugins)
                        .trainImages(data.resolve("train.npy"), data.resolve("train.csv"))
                        .validationSize(300)
                        .trainStep("normalize", normalize)
                        .evalStep("normalize", normalize)
                        .epochs(4)
                        .device("cpu")
                        .listener("stop-after", Map.of("epoch", 2))
                        .listener(
                                "json-lines",
                                Map.of("file", lines.toString(), "end", end.toString()))
                        .build()
                        .train(run, application);

        assertThat(result.epochs()).hasSize(2);
        assertThat(metricsRows(run)).hasSize(2);
        // A listener after the one that asked to stop still hears the epoch, and the reason.
        assertThat(heard)
                .containsExactly(
                        "epoch 1/4",
                        "epoch 2/4",
                        "stop-after: epoch 2 reached",
                        "finished: stop-after: epoch 2 reached");
        assertThat(Files.readAllLines(lines)).hasSize(2);
        JsonNode ending = JSON.readTree(end.toFile());
        assertThat(ending.get("epochs").asInt()).isEqualTo(2);
        assertThat(ending.get("best_epoch").asInt()).isEqualTo(result.bestEpoch());
        assertThat(ending.get("stop").asText()).isEqualTo("stop-after: epoch 2 reached");
        assertThat(run.resolve("submission.csv")).doesNotExist();
        assertThat(run.resolve("evaluation")).isDirectory();
    }

    @Test
    void theConsoleHearsAnEpochOnceItsFilesAreWritten(@TempDir Path run) throws IOException {
        List<String> seen = new ArrayList<>();
        RunListener console =
                new RunListener() {
                    @Override
                    public void epochFinished(EpochMetrics metrics, int epochs, boolean best) {
                        try {
                            JsonNode state =
                                    JSON.readTree(
                                            run.resolve("checkpoints/last/state.json").toFile());
                            seen.add(
                                    metrics.epoch()
                                            + ": checkpoint "
                                            + state.get("epoch").asInt()
                                            + ", metrics rows "
                                            + metricsRows(run).size()
                                            + ", curves "
                                            + Files.isRegularFile(run.resolve("curves.png"))
                                            + ", model "
                                            + Files.isRegularFile(
                                                    run.resolve("model/classify-model.json")));
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                };

        root.train(root.prepare(config("train.epochs=1")), run, console);

        assertThat(seen)
                .containsExactly("1: checkpoint 1, metrics rows 1, curves true, model true");
    }

    @Test
    void anUnknownListenerListsThePluginsKnownOnes() {
        assertThatThrownBy(() -> config("listeners=[{type: jsonlines, file: a.jsonl}]"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "listeners[0].type: unknown listener 'jsonlines'; known: [json-lines,"
                                + " stop-after]");
    }

    @Test
    void preparingChecksTheListenersOfAConfigurationReadWithoutThePlugins() {
        PipelineConfig unchecked =
                new ConfigurationLoader()
                        .parse(
                                CONFIG,
                                data,
                                List.of("listeners=[{type: nope}]"),
                                work.resolve("listeners.yaml"));

        assertThatThrownBy(() -> root.prepare(unchecked))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "listeners[0].type: unknown listener 'nope'; known: [json-lines,"
                                + " stop-after]");
    }

    @Test
    void reportsEveryOptionProblemOfTheListenersAtOnce() {
        ConfigurationException e =
                catchThrowableOfType(
                        ConfigurationException.class,
                        () ->
                                config(
                                        "listeners=[{type: json-lines, fiel: a.jsonl},"
                                                + " {type: stop-after, epoch: 0}]"));

        assertThat(e.problems())
                .containsExactlyInAnyOrder(
                        "listeners[0].file: is required: give the file",
                        "listeners[0].fiel: unknown option 'fiel'; known: [end, file]",
                        "listeners[1].epoch: must be at least 1");
    }
}
