package dev.classify.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.classify.api.ConfigurationException;
import dev.classify.engine.Classify;
import dev.classify.engine.config.ConfigurationLoader;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.config.PluginConfig;
import dev.classify.engine.train.PreparedRun;
import dev.classify.report.SmallImages;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code normalize} with {@code mean: auto} and {@code std: auto} on the committed quick-start
 * subset of Fashion-MNIST (6,000 images, 1,000 held out). Maven runs tests in the module folder, so
 * the examples are one level up.
 */
final class NormalizeStatisticsTest {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    private static final String CONFIG =
            """
            data:
              train:
                images: fashion-mnist-small/train.npy
                labels: fashion-mnist-small/train.csv
              validation: {size: 1000, seed: 42}
            augment:
              train:
                - {type: random-crop, size: 28, padding: 4}
                - {type: normalize, mean: auto, std: auto}
              eval:
                - {type: normalize, mean: auto, std: [0.5]}
            train: {device: cpu}
            """;

    private static Classify pipeline;
    private static PreparedRun prepared;

    @BeforeAll
    static void prepare() {
        pipeline = Classify.forClassPath();
        prepared = pipeline.prepare(config());
    }

    private static PipelineConfig config(String... overrides) {
        return new ConfigurationLoader()
                .parse(CONFIG, EXAMPLES, List.of(overrides), Path.of("auto-test.yaml"));
    }

    @Test
    void computesTheMeanAndStdThatNumpyComputes() {
        // x = np.load("train.npy")[:100] / 255.0; x.mean(), x.std()
        NormalizeStatistics.Statistics first100 =
                NormalizeStatistics.compute(prepared.train(), IntStream.range(0, 100).toArray());
        assertThat(first100.mean()[0]).isCloseTo(0.2696421068427371, within(1e-7));
        assertThat(first100.std()[0]).isCloseTo(0.339124850359475, within(1e-7));
        // all 6,000: x.mean(), x.std()
        NormalizeStatistics.Statistics all =
                NormalizeStatistics.compute(prepared.train(), IntStream.range(0, 6000).toArray());
        assertThat(all.mean()[0]).isCloseTo(0.28536501267173536, within(1e-7));
        assertThat(all.std()[0]).isCloseTo(0.3524064042067328, within(1e-7));
        assertThat(all.images()).isEqualTo(6000);
    }

    @Test
    void replacesAutoWithTheStatisticsOfTheTrainingSplitOnly() {
        NormalizeStatistics.Statistics split =
                NormalizeStatistics.compute(prepared.train(), prepared.split().train());
        List<PluginConfig> train = prepared.config().augment().train();
        List<PluginConfig> eval = prepared.config().augment().eval();

        assertThat(train.get(0)).isEqualTo(config().augment().train().get(0));
        assertThat(train.get(1).options())
                .isEqualTo(
                        Map.of("mean", List.of(split.mean()[0]), "std", List.of(split.std()[0])));
        assertThat(eval.get(0).options())
                .isEqualTo(Map.of("mean", List.of(split.mean()[0]), "std", List.of(0.5)));
        // The hold-out is left out: the numbers differ from those of all 6,000 images.
        assertThat(split.mean()[0]).isNotCloseTo(0.28536501267173536, within(1e-5));
        assertThat(split.images()).isEqualTo(5000);
    }

    @Test
    void leavesAConfigurationWithoutAutoAsItIs() {
        PipelineConfig plain =
                config(
                        "augment.train=[{type: normalize, mean: [0.3], std: [0.3]}]",
                        "augment.eval=[]");
        assertThat(NormalizeStatistics.resolve(plain, prepared.train(), new int[] {0}))
                .isSameAs(plain);
    }

    @Test
    void rejectsAutoStdOfConstantImages() {
        SmallImages constant = new SmallImages(1, 4, new int[] {0, 1}, List.of("a", "b"));
        // image 0 is all zeros: a constant channel
        assertThatThrownBy(() -> NormalizeStatistics.resolve(config(), constant, new int[] {0}))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "augment.train[1].std: is auto, but channel 0 of the training images is"
                                + " constant (std 0); give numbers");
    }

    @Test
    void theLoaderChecksTheOtherOptionsOfAnAutoStep() {
        ConfigurationLoader loader = Classify.forClassPath().configurationLoader();
        assertThat(loader.parse(CONFIG, EXAMPLES, List.of(), Path.of("auto-test.yaml")))
                .isEqualTo(config());
        assertThatThrownBy(
                        () ->
                                loader.parse(
                                        CONFIG,
                                        EXAMPLES,
                                        List.of("augment.train[1].std=-1"),
                                        Path.of("auto-test.yaml")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("augment.train[1].std: must be positive numbers");
    }
}
