package dev.classify.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.classify.engine.Classify;
import dev.classify.engine.plugin.PluginCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every recipe shipped in configs/ and examples/ names known plugins with valid options. */
final class RecipesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyShippedConfigurationLoads() throws IOException {
        PluginCatalog catalog = Classify.forClassPath().catalog();
        ConfigurationLoader loader = new ConfigurationLoader(catalog);
        List<Path> files;
        try (Stream<Path> configs = Files.list(ROOT.resolve("configs"));
                Stream<Path> examples = Files.list(ROOT.resolve("examples"))) {
            files =
                    Stream.concat(configs, examples)
                            .filter(f -> f.toString().endsWith(".yaml"))
                            .sorted()
                            .toList();
        }
        assertThat(files)
                .extracting(f -> f.getFileName().toString())
                .contains("seed-se-resnet34.yaml", "quickstart.yaml");
        for (Path file : files) {
            PipelineConfig config = loader.load(file, List.of());
            assertThat(config.data().train().images()).as(file.toString()).endsWith(".npy");
        }
    }
}
