package dev.classify.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.model.ModelDescription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ClassifyTest {
    private static final List<String> TEN_CLASSES =
            List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");

    @TempDir Path folder;

    private Path run(String name, String modelType) throws IOException {
        Path model = Files.createDirectories(folder.resolve(name).resolve("model"));
        new ObjectMapper()
                .writeValue(
                        model.resolve(ModelDescription.FILE_NAME).toFile(),
                        new ModelDescription(
                                ModelDescription.FORMAT,
                                PipelineConfig.DEFAULT_ENGINE,
                                modelType,
                                Map.of(),
                                new int[] {1, 28, 28},
                                new int[] {1, 28, 28},
                                TEN_CLASSES,
                                List.of()));
        return model;
    }

    @Test
    void countsTheParametersOfASavedModelAsSummaryDoes() throws IOException {
        Classify root = Classify.forClassPath();
        Path model = run("cnn", "simple-cnn");

        assertThat(root.parameterCount(model)).hasValue(21_840);
        // A run folder leads to its model/ folder.
        assertThat(root.parameterCount(model.getParent())).hasValue(21_840);
    }

    @Test
    void countsNothingWithoutADescriptionOrItsPlugin() throws IOException {
        Classify root = Classify.forClassPath();

        assertThat(root.parameterCount(run("unknown", "no-such-model"))).isEmpty();
        assertThat(root.parameterCount(Files.createDirectories(folder.resolve("empty")))).isEmpty();
    }
}
