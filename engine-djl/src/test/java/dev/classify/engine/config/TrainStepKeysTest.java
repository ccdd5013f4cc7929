package dev.classify.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.classify.api.ConfigurationException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The training step's keys {@code train.accumulate}, {@code train.clipGradientNorm} and {@code
 * train.prefetch}: defaults, values read, bad values refused with their key, and {@code
 * config.yaml} holding them only when they are not the default.
 */
final class TrainStepKeysTest {
    private static final String MINIMAL =
            """
            data:
              train: {images: train.npy, labels: train.csv}
            """;

    private final ConfigurationLoader loader = new ConfigurationLoader();
    private final ConfigurationWriter writer = new ConfigurationWriter();

    private PipelineConfig parse(String yaml, String... overrides) {
        return loader.parse(yaml, Path.of("/data"), List.of(overrides), Path.of("config.yaml"));
    }

    @Test
    void defaultsToOneBatchPerStepNoClippingAndTwoBatchesAhead() {
        TrainConfig train = parse(MINIMAL).train();

        assertThat(train.accumulate()).isEqualTo(1);
        assertThat(train.clipGradientNorm()).isNull();
        assertThat(train.prefetch()).isEqualTo(2).isEqualTo(TrainConfig.DEFAULT_PREFETCH);
    }

    @Test
    void readsTheKeys() {
        TrainConfig train =
                parse(MINIMAL + "train: {accumulate: 4, clipGradientNorm: 1.0," + " prefetch: 0}\n")
                        .train();

        assertThat(train.accumulate()).isEqualTo(4);
        assertThat(train.clipGradientNorm()).isEqualTo(1.0);
        assertThat(train.prefetch()).isZero();
        assertThat(parse(MINIMAL, "train.accumulate=3").train().accumulate()).isEqualTo(3);
    }

    @Test
    void refusesBadValuesNamingTheKeyAndTheFix() {
        ConfigurationException e =
                catchThrowableOfType(
                        ConfigurationException.class,
                        () ->
                                parse(
                                        MINIMAL
                                                + "train: {accumulate: 0, clipGradientNorm: -1,"
                                                + " prefetch: -2}\n"));

        assertThat(e.problems())
                .containsExactlyInAnyOrder(
                        "train.accumulate: must be at least 1 (batches per optimizer step; 1 steps"
                                + " after every batch), got 0",
                        "train.clipGradientNorm: must be a positive number (the largest gradient"
                                + " norm), or left out for no clipping, got -1.0",
                        "train.prefetch: must be at least 0 (batches prepared ahead; 0 prepares"
                                + " each on the training thread), got -2");
    }

    @Test
    void refusesAZeroNormAndTextForACount() {
        ConfigurationException e =
                catchThrowableOfType(
                        ConfigurationException.class,
                        () -> parse(MINIMAL + "train: {clipGradientNorm: 0, accumulate: two}\n"));

        assertThat(e.problems()).hasSize(2);
        assertThat(e.problems().get(0)).startsWith("train.");
        assertThat(String.join("\n", e.problems()))
                .contains("train.clipGradientNorm: must be a positive number")
                .contains("train.accumulate");
    }

    @Test
    void writesTheKeysOnlyWhenNotTheDefault() {
        PipelineConfig plain = parse(MINIMAL);
        PipelineConfig set =
                parse(MINIMAL + "train: {accumulate: 2, clipGradientNorm: 0.5, prefetch: 0}\n");

        String plainYaml = writer.write(plain);
        String setYaml = writer.write(set);

        assertThat(plainYaml)
                .doesNotContain("accumulate")
                .doesNotContain("clipGradientNorm")
                .doesNotContain("prefetch");
        assertThat(setYaml)
                .contains("accumulate: 2")
                .contains("clipGradientNorm: 0.5")
                .contains("prefetch: 0");
        assertThat(parse(plainYaml)).isEqualTo(plain);
        assertThat(parse(setYaml)).isEqualTo(set);
    }
}
