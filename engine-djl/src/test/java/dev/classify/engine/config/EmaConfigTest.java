package dev.classify.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.classify.api.ConfigurationException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

final class EmaConfigTest {
    private static final String DATA = "data: {train: {images: a.npy, labels: a.csv}}\n";

    private static PipelineConfig parse(String yaml, String... overrides) {
        return new ConfigurationLoader()
                .parse(DATA + yaml, Path.of("/data"), List.of(overrides), Path.of("c.yaml"));
    }

    private static List<String> problems(String yaml, String... overrides) {
        return catchThrowableOfType(ConfigurationException.class, () -> parse(yaml, overrides))
                .problems();
    }

    @Test
    void isOffByDefault() {
        assertThat(parse("").train().ema()).isNull();
        assertThat(TrainConfig.defaults().ema()).isNull();
        assertThat(new ConfigurationWriter().write(parse(""))).doesNotContain("ema:");
    }

    @Test
    void readsTheFullMapping() {
        EmaConfig ema = parse("train: {ema: {decay: 0.99, warmupSteps: 200}}").train().ema();

        assertThat(ema).isEqualTo(new EmaConfig(0.99, 200));
    }

    @Test
    void fillsDefaults() {
        assertThat(parse("train: {ema: {}}").train().ema()).isEqualTo(new EmaConfig(0.999, 0));
        assertThat(parse("train: {ema: {warmupSteps: 10}}").train().ema())
                .isEqualTo(new EmaConfig(0.999, 10));
    }

    @Test
    void aNumberAloneIsTheDecay() {
        assertThat(parse("train: {ema: 0.995}").train().ema()).isEqualTo(new EmaConfig(0.995, 0));
        assertThat(parse("", "train.ema=0.9").train().ema()).isEqualTo(new EmaConfig(0.9, 0));
    }

    @Test
    void survivesARoundTripThroughConfigYaml() {
        PipelineConfig config = parse("train: {ema: {decay: 0.99, warmupSteps: 50}}");

        String yaml = new ConfigurationWriter().write(config);

        assertThat(yaml).contains("ema:").contains("decay: 0.99").contains("warmupSteps: 50");
        assertThat(
                        new ConfigurationLoader()
                                .parse(yaml, Path.of("/other"), List.of(), Path.of("c.yaml")))
                .isEqualTo(config);
    }

    @Test
    void refusesADecayOutsideZeroToOne() {
        assertThat(problems("train: {ema: 1.0}"))
                .containsExactly(
                        "train.ema.decay: must be between 0 and 1 (exclusive), e.g. 0.999, got"
                                + " 1.0");
        assertThat(problems("train: {ema: {decay: 0}}"))
                .containsExactly(
                        "train.ema.decay: must be between 0 and 1 (exclusive), e.g. 0.999, got"
                                + " 0.0");
        assertThat(problems("train: {ema: {decay: -0.5}}")).hasSize(1);
    }

    @Test
    void refusesANegativeWarmUp() {
        assertThat(problems("train: {ema: {warmupSteps: -1}}"))
                .containsExactly(
                        "train.ema.warmupSteps: must be at least 0 (0: no warm-up), got -1");
    }

    @Test
    void namesAnUnknownKeyAndAWrongType() {
        assertThat(problems("train: {ema: {decy: 0.9}}"))
                .containsExactly(
                        "train.ema.decy: unknown key 'decy'; known: [batchNormBatches, decay, warmupSteps]");
        assertThat(problems("train: {ema: fast}"))
                .hasSize(1)
                .allMatch(p -> p.startsWith("train.ema"));
        assertThat(problems("train: {ema: {warmupSteps: 1.5}}"))
                .containsExactly("train.ema.warmupSteps: expected an integer, got 1.5");
    }

    @Test
    void warmsTheDecayUpLinearly() {
        EmaConfig ema = new EmaConfig(0.999, 100);

        assertThat(ema.decayAt(1)).isCloseTo(0.00999, within(1e-12));
        assertThat(ema.decayAt(50)).isCloseTo(0.4995, within(1e-12));
        assertThat(ema.decayAt(100)).isEqualTo(0.999);
        assertThat(ema.decayAt(5000)).isEqualTo(0.999);
        assertThat(new EmaConfig(0.99, 0).decayAt(1)).isEqualTo(0.99);
    }
}
