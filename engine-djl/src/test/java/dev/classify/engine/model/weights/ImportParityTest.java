package dev.classify.engine.model.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.classify.api.DataSource;
import dev.classify.api.ImageSet;
import dev.classify.api.Options;
import dev.classify.engine.Classify;
import dev.classify.engine.model.SavedModel;
import dev.classify.engine.plugin.PluginCatalog;
import dev.classify.engine.runtime.EngineChoice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Networks written by torchvision ({@code tools/torchvision_fixtures.py}) imported and run by
 * classify on both engines give torchvision's log-probabilities: the weights map to the right
 * parameters, and the layers compute what torchvision's compute.
 */
final class ImportParityTest {
    /** The largest difference of log-probabilities allowed, in nats. */
    static final double TOLERANCE = 1e-3;

    @TempDir Path folder;

    private final PluginCatalog catalog = Classify.forClassPath().catalog();

    @Test
    void scaledDownTorchvisionAndTimmNetworksPredictAsTorchvisionOnBothEngines()
            throws IOException {
        for (TorchvisionFixtures.Fixture fixture :
                TorchvisionFixtures.small(folder.resolve("fixtures"))) {
            for (String engine : EngineChoice.KNOWN) {
                assertThat(difference(fixture, engine)).isLessThan(TOLERANCE);
            }
        }
    }

    @Test
    void fullSizeResNetsPredictAsTorchvisionOnBothEngines() throws IOException {
        Optional<Path> full = TorchvisionFixtures.fullFolder();
        assumeTrue(
                full.isPresent(),
                "no full-size torchvision fixtures: run /usr/bin/python3"
                        + " tools/torchvision_fixtures.py --set full --output DIR and give -D"
                        + TorchvisionFixtures.PROPERTY
                        + "=DIR (CI does)");
        for (TorchvisionFixtures.Fixture fixture : TorchvisionFixtures.read(full.get())) {
            for (String engine : EngineChoice.KNOWN) {
                assertThat(difference(fixture, engine)).isLessThan(TOLERANCE);
            }
        }
    }

    /**
     * Imports {@code fixture} with the options read from the file, predicts its images with the
     * saved model's evaluation steps (ImageNet's normalization) and returns the largest absolute
     * difference from torchvision's log-probabilities.
     */
    private double difference(TorchvisionFixtures.Fixture fixture, String engine)
            throws IOException {
        Path model = folder.resolve(fixture.name() + "-" + engine);
        WeightsImport.Result result =
                new WeightsImport(catalog)
                        .write(
                                new WeightsImport.Request(
                                        fixture.weights(),
                                        fixture.model(),
                                        Map.of(),
                                        fixture.input(),
                                        null,
                                        null,
                                        engine),
                                model);
        assertThat(result.description().modelOptions()).isEqualTo(fixture.options());
        assertThat(result.description().classNames()).hasSize(fixture.classes());
        float[][] expected = TorchvisionFixtures.matrix(fixture.logprobs());
        float[][] probabilities;
        try (SavedModel saved = SavedModel.load(model, catalog, engine)) {
            ImageSet images =
                    catalog.dataset("npy", "npy")
                            .open(
                                    new DataSource(
                                            fixture.pixels(),
                                            Optional.empty(),
                                            new Options("npy", Map.of())));
            probabilities = saved.probabilities(images, fixture.pixels(), 8, false);
        }
        assertThat(probabilities.length).isEqualTo(expected.length);
        double largest = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int k = 0; k < expected[i].length; k++) {
                largest =
                        Math.max(largest, Math.abs(Math.log(probabilities[i][k]) - expected[i][k]));
            }
        }
        System.out.println(
                String.format(
                        Locale.ROOT,
                        "parity %s %s: %d images, %d classes, max |log p - torchvision| = %.3g",
                        fixture.name(),
                        engine,
                        expected.length,
                        expected[0].length,
                        largest));
        return largest;
    }

    /** The engines, as a list for the loops above. */
    static List<String> engines() {
        return EngineChoice.KNOWN;
    }
}
