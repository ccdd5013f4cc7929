package dev.classify.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.classify.api.ConfigurationException;
import dev.classify.api.Options;
import dev.classify.api.TrainingListener;
import dev.classify.api.TrainingListenerProvider;
import dev.classify.engine.Classify;
import dev.classify.engine.plugin.PluginCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration's {@code listeners:} key: read, checked against the plugins, written back. */
final class ListenerConfigurationTest {
    private static final String DATA = "data: {train: {images: a.npy, labels: a.csv}}\n";

    /** A listener plugin with a required {@code file} and an integer {@code every}. */
    private static final class FileListenerProvider implements TrainingListenerProvider {
        @Override
        public String name() {
            return "json-lines";
        }

        @Override
        public String description() {
            return "writes one line per epoch";
        }

        @Override
        public TrainingListener create(Options options) {
            options.check(options.has("file"), "file", "is required: give the file to write");
            options.optionalString("file");
            options.optionalInt("every");
            options.validate();
            return new TrainingListener() {};
        }
    }

    /** The class path's plugins and the listener above. */
    private static final PluginCatalog CATALOG = withListener(Classify.forClassPath().catalog());

    private static PluginCatalog withListener(PluginCatalog plugins) {
        return new PluginCatalog(
                plugins.models(),
                plugins.augmenters(),
                plugins.datasets(),
                Map.of("json-lines", new FileListenerProvider()));
    }

    private static PipelineConfig parse(String yaml, String... overrides) {
        return new ConfigurationLoader(CATALOG)
                .parse(yaml, Path.of("/data"), List.of(overrides), Path.of("config.yaml"));
    }

    @Test
    void noListenersByDefaultAndNoneWritten() {
        PipelineConfig config = parse(DATA);

        assertThat(config.listeners()).isEmpty();
        assertThat(new ConfigurationWriter().write(config)).doesNotContain("listeners");
    }

    @Test
    void readsTheListenersInOrderWithTheirOptions() {
        PipelineConfig config =
                parse(
                        DATA
                                + "listeners:\n"
                                + "  - {type: json-lines, file: a.jsonl, every: 2}\n"
                                + "  - {type: json-lines, file: b.jsonl}\n");

        assertThat(config.listeners())
                .containsExactly(
                        new PluginConfig("json-lines", Map.of("file", "a.jsonl", "every", 2)),
                        new PluginConfig("json-lines", Map.of("file", "b.jsonl")));
    }

    @Test
    void writesTheListenersAndReadsThemBack() {
        PipelineConfig config =
                parse(DATA + "listeners: [{type: json-lines, file: '7', every: 3}]\n");

        String yaml = new ConfigurationWriter().write(config);

        assertThat(yaml).contains("listeners:");
        assertThat(parse(yaml)).isEqualTo(config);
        assertThat(new ConfigurationWriter().tree(config).get("listeners"))
                .isEqualTo(List.of(Map.of("type", "json-lines", "file", "7", "every", 3)));
    }

    @Test
    void setReachesTheListeners() {
        PipelineConfig config =
                parse(
                        DATA,
                        "listeners=[{type: json-lines, file: a.jsonl}]",
                        "listeners[0].file=b.jsonl",
                        "listeners[1]={type: json-lines, file: c.jsonl}");

        assertThat(config.listeners())
                .extracting(entry -> entry.options().get("file"))
                .containsExactly("b.jsonl", "c.jsonl");
    }

    @Test
    void anUnknownListenerListsTheKnownOnes() {
        assertThatThrownBy(() -> parse(DATA + "listeners: [{type: json-line}]\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(
                        "listeners[0].type: unknown listener 'json-line'; known: [json-lines]");
    }

    @Test
    void reportsEveryOptionProblemOfEveryListenerAtOnce() {
        ConfigurationException e =
                catchThrowableOfType(
                        ConfigurationException.class,
                        () ->
                                parse(
                                        DATA
                                                + "listeners:\n"
                                                + "  - {type: json-lines, every: often}\n"
                                                + "  - {type: json-lines, file: a, evry: 2}\n"
                                                + "  - {file: b}\n"));

        assertThat(e.problems())
                .anySatisfy(p -> assertThat(p).startsWith("listeners[0].file: is required"))
                .anySatisfy(p -> assertThat(p).startsWith("listeners[0].every: "))
                .anySatisfy(
                        p -> assertThat(p).startsWith("listeners[1].evry: unknown option 'evry'"))
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .isEqualTo(
                                                "listeners[2].type: is required, e.g. {type:"
                                                        + " json-lines, file: epochs.jsonl}"));
    }

    @Test
    void rejectsListenersThatAreNotAList() {
        assertThatThrownBy(() -> parse(DATA + "listeners: {type: json-lines}\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("listeners: expected a list of listeners such as [{type:");
    }

    @Test
    void theEarlierConstructorsHaveNoListeners() {
        PipelineConfig config = parse(DATA);
        PipelineConfig six =
                new PipelineConfig(
                        config.data(),
                        config.model(),
                        config.augment(),
                        config.train(),
                        config.output(),
                        config.engine());

        assertThat(six).isEqualTo(config);
        assertThat(six.listeners()).isEmpty();
    }
}
