package dev.classify.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.classify.api.ConfigurationException;
import dev.classify.engine.Classify;
import dev.classify.engine.config.ConfigurationLoader;
import dev.classify.engine.config.ConfigurationWriter;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.train.PreparedRun;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@code data.train.classes} and {@code data.train.perClass} on the committed quick-start subset
 * (6,000 training images, 600 per class): only {@link Classify#prepare} runs.
 */
final class ClassSelectionTest {
    private static final String CONFIG =
            """
            data:
              train:
                images: fashion-mnist-small/train.npy
                labels: fashion-mnist-small/train.csv
                classes: [5, 6, 7, 8, 9]
              validation: {size: 1000, seed: 42}
            model: {type: simple-cnn}
            train: {device: cpu}
            """;

    private final Classify pipeline = Classify.forClassPath();

    private PipelineConfig config(String... overrides) {
        return new ConfigurationLoader()
                .parse(CONFIG, FixtureSubset.EXAMPLES, List.of(overrides), Path.of("c.yaml"));
    }

    @Test
    void trainsOnTheSelectedClassesNumberedAfresh() {
        PreparedRun run = pipeline.prepare(config());

        assertThat(run.classNames()).containsExactly("5", "6", "7", "8", "9");
        assertThat(run.spec().numClasses()).isEqualTo(5);
        assertThat(run.train().size()).isEqualTo(3000);
        assertThat(run.split().validation()).hasSize(1000);
        assertThat(IntStream.range(0, run.train().size()).map(run.train()::label).distinct())
                .containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    }

    @Test
    void keepsAtMostPerClassTrainingImagesAndTheSameHoldOut() {
        PreparedRun all = pipeline.prepare(config());
        PreparedRun few = pipeline.prepare(config("data.train.perClass=50"));

        assertThat(few.split().validation()).isEqualTo(all.split().validation());
        assertThat(few.split().train()).hasSize(250).isSorted();
        Map<Integer, Long> perClass =
                Arrays.stream(few.split().train())
                        .boxed()
                        .collect(
                                Collectors.groupingBy(
                                        few.train()::label, TreeMap::new, Collectors.counting()));
        assertThat(perClass)
                .containsOnlyKeys(0, 1, 2, 3, 4)
                .allSatisfy((k, v) -> assertThat(v).isEqualTo(50));
        assertThat(
                        Arrays.stream(few.split().train())
                                .allMatch(i -> Arrays.binarySearch(all.split().train(), i) >= 0))
                .isTrue();
        // The same seed draws the same images.
        assertThat(pipeline.prepare(config("data.train.perClass=50")).split().train())
                .isEqualTo(few.split().train());
    }

    @Test
    void writesBothKeysIntoConfigYaml() {
        PipelineConfig config = config("data.train.perClass=50");
        String yaml = new ConfigurationWriter().write(config);

        assertThat(yaml).contains("perClass: 50").contains("classes:");
        assertThat(new ConfigurationLoader().parse(yaml, Path.of("/x"), List.of(), Path.of("c")))
                .isEqualTo(config);
    }

    @Test
    void refusesClassesTheLabelsLack() {
        assertThatThrownBy(() -> pipeline.prepare(config("data.train.classes=[5, 10]")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "data.train.classes: names [10], which the labels lack; the labels'"
                                + " classes are [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]");
    }

    @Test
    void refusesBadValues() {
        assertThatThrownBy(() -> config("data.train.classes=[5]", "data.train.perClass=0"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(
                        "data.train.classes: must name at least 2 different classes, got [5]")
                .hasMessageContaining("data.train.perClass: must be at least 1, got 0");
        assertThatThrownBy(() -> config("data.train.classes=5"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(
                        "data.train.classes: expected a list of classes, e.g. [5, 6, 7]");
    }
}
