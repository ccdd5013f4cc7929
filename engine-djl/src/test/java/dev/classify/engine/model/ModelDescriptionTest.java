package dev.classify.engine.model;

import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.classify.engine.Classify;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.plugin.PluginCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ModelDescriptionTest {
    private static final List<String> CLASSES = List.of("0", "1", "2");

    @TempDir Path folder;

    private final Classify root = Classify.forClassPath();
    private final PluginCatalog catalog = root.catalog();

    private static ModelDescription describe(String type, Map<String, Object> options, int side) {
        int[] chw = {1, side, side};
        return new ModelDescription(
                ModelDescription.FORMAT,
                PipelineConfig.DEFAULT_ENGINE,
                type,
                options,
                chw,
                chw,
                CLASSES,
                List.of());
    }

    /** Saves an initialised network of {@code description} and returns its folder. */
    private Path save(ModelDescription description) throws IOException {
        Block block =
                catalog.model("model.type", description.modelType()).create(description.spec());
        Path model = folder.resolve("model");
        try (Model djl = Model.newInstance("test", description.engine())) {
            djl.setBlock(block);
            int[] chw = description.inputShape();
            block.initialize(
                    djl.getNDManager(), DataType.FLOAT32, new Shape(1, chw[0], chw[1], chw[2]));
            SavedModel.save(model, djl, description);
        }
        return model;
    }

    @Test
    void recordsThePluginAndTheDeclaredDefaultsOfTheOptionsNotGiven() throws IOException {
        ModelDescription description =
                describe("simple-cnn", Map.of("hidden", 20), 28).withProvenance(catalog);

        assertThat(description.modelOptions()).isEqualTo(Map.of("hidden", 20));
        assertThat(description.modelDefaults())
                .containsExactly(
                        Map.entry("kernelSize", 5),
                        Map.entry("channels", List.of(10, 20)),
                        Map.entry("dropout", 0));
        assertThat(description.effectiveOptions())
                .containsEntry("hidden", 20)
                .containsEntry("kernelSize", 5);
        ModelDescription.Plugin plugin = description.plugin().orElseThrow();
        assertThat(plugin.className()).isEqualTo("dev.classify.models.SimpleCnnProvider");
        // The class path's plugins have no plugin jar.
        assertThat(plugin.jar()).isNull();
        assertThat(plugin.version()).isNotBlank();

        // Written and read back with their types: numbers stay numbers, lists lists.
        Path model = save(description);
        String json = Files.readString(model.resolve(ModelDescription.FILE_NAME));
        assertThat(json)
                .contains("\"modelDefaults\" : {\n    \"kernelSize\" : 5,")
                .contains("\"className\" : \"dev.classify.models.SimpleCnnProvider\"");
        ModelDescription read = ModelDescription.read(model.resolve(ModelDescription.FILE_NAME));
        assertThat(read.modelDefaults()).isEqualTo(description.modelDefaults());
        assertThat(read.plugin()).isEqualTo(description.plugin());
        assertThat(root.parameterCount(model)).hasValue(11_763);
    }

    @Test
    void leavesOutADefaultThatIsARuleRatherThanAValue() {
        // resnet's stem default is "small up to 64x64 inputs, else imagenet".
        ModelDescription description =
                describe("resnet", Map.of("depth", 20), 28).withProvenance(catalog);

        assertThat(description.modelDefaults()).isEqualTo(Map.of("width", 1.0, "dropPath", 0));
        assertThat(description.effectiveOptions())
                .isEqualTo(Map.of("depth", 20, "width", 1.0, "dropPath", 0))
                .doesNotContainKey("stem");
    }

    @Test
    void loadsAModelSavedBeforeTheDefaultsWereRecorded() throws IOException {
        // A quick-start model's description as classify wrote it before it recorded its plugin.
        Path old = folder.resolve("old.json");
        try (InputStream resource =
                ModelDescriptionTest.class.getResourceAsStream(
                        "before-provenance/classify-model.json")) {
            Files.copy(resource, old);
        }
        ModelDescription description = ModelDescription.read(old);

        assertThat(description.modelDefaults()).isEmpty();
        assertThat(description.plugin()).isEmpty();
        assertThat(description.effectiveOptions()).isEmpty();
        assertThat(description.tta()).isEmpty();

        Path model = save(description);
        // A description without views writes no tta key: such models' files stay as they were.
        assertThat(Files.readString(model.resolve(ModelDescription.FILE_NAME)))
                .doesNotContain("tta");
        Files.copy(old, model.resolve(ModelDescription.FILE_NAME), REPLACE_EXISTING);
        try (SavedModel loaded = root.loadModel(model, null)) {
            assertThat(loaded.description().classNames()).hasSize(10);
            assertThat(loaded.description().eval()).hasSize(1);
            assertThat(loaded.trainedViews()).isEqualTo(TestTimeAugmentation.NONE);
        }

        assertThat(root.parameterCount(model)).hasValue(21_840);
    }
}
