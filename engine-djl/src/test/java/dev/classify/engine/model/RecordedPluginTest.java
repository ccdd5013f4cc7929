package dev.classify.engine.model;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.classify.api.ImageSet;
import dev.classify.api.InvalidDataException;
import dev.classify.api.ModelProvider;
import dev.classify.engine.Classify;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.plugin.TestPluginJar;
import dev.classify.report.SmallImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model trained with a plugin jar loads as trained with another version of that jar, whose option
 * default changed: the network is built from the options recorded at training.
 */
final class RecordedPluginTest {
    private static final String ENGINE = PipelineConfig.DEFAULT_ENGINE;
    private static final String PROVIDER = "com.example.wide.WideNet";
    private static final int[] CHW = {1, 4, 4};
    private static final List<String> CLASSES = List.of("a", "b", "c");
    // Input 16 values -> 3 x widen hidden units -> 3 classes, with biases.
    private static final long WIDEN_4_PARAMETERS = 16 * 12 + 12 + 12 * 3 + 3;
    private static final long WIDEN_2_PARAMETERS = 16 * 6 + 6 + 6 * 3 + 3;

    @TempDir Path folder;

    private Classify trained;
    private Classify later;
    private Path model;

    /** A model provider whose option {@code widen} defaults to {@code widen}. */
    private static String wideNet(int widen) {
        return """
                package com.example.wide;

                import ai.djl.nn.Activation;
                import ai.djl.nn.Block;
                import ai.djl.nn.Blocks;
                import ai.djl.nn.SequentialBlock;
                import ai.djl.nn.core.Linear;
                import dev.classify.api.ModelProvider;
                import dev.classify.api.ModelSpec;
                import dev.classify.api.OptionInfo;
                import java.util.List;

                public final class WideNet implements ModelProvider {
                    public String name() { return "wide-net"; }
                    public String description() { return "one hidden layer, 3 x widen wide"; }
                    public List<OptionInfo> options() {
                        return List.of(new OptionInfo("widen", "%d", "width multiplier"));
                    }
                    public Block create(ModelSpec spec) {
                        int widen = spec.options().intValue("widen", %d);
                        spec.options().validate();
                        return new SequentialBlock()
                                .add(Blocks.batchFlattenBlock())
                                .add(Linear.builder().setUnits(3L * widen).build())
                                .add(Activation.reluBlock())
                                .add(Linear.builder().setUnits(spec.numClasses()).build());
                    }
                }
                """
                .formatted(widen, widen);
    }

    /**
     * A plugin folder holding {@code wide-net-VERSION.jar}, whose default widen is {@code widen}.
     */
    private Path plugins(String version, int widen) throws IOException {
        Path plugins = Files.createDirectories(folder.resolve("plugins-" + version));
        new TestPluginJar()
                .source(PROVIDER, wideNet(widen))
                .provides(ModelProvider.class, PROVIDER)
                .version(version)
                .writeTo(plugins.resolve("wide-net-" + version + ".jar"));
        return plugins;
    }

    /** Trains nothing, but saves an initialised network as training does, without options. */
    @BeforeEach
    void saveWithVersionOne() throws IOException {
        trained = Classify.forPlugins(plugins("1.0", 4));
        later = Classify.forPlugins(plugins("2.0", 2));
        ModelDescription description =
                new ModelDescription(
                                ModelDescription.FORMAT,
                                ENGINE,
                                "wide-net",
                                Map.of(),
                                CHW,
                                CHW,
                                CLASSES,
                                List.of())
                        .withProvenance(trained.catalog());
        Block block = trained.catalog().model("model.type", "wide-net").create(description.spec());
        model = folder.resolve("run").resolve("model");
        try (Model djl = Model.newInstance("test", ENGINE)) {
            djl.setBlock(block);
            block.initialize(djl.getNDManager(), DataType.FLOAT32, new Shape(1, 1, 4, 4));
            SavedModel.save(model, djl, description);
        }
    }

    @Test
    void recordsTheDefaultAsANumberAndThePluginsJarAndVersion() throws IOException {
        String json = Files.readString(model.resolve(ModelDescription.FILE_NAME));

        assertThat(json)
                .contains("\"modelOptions\" : { },")
                .contains("\"modelDefaults\" : {\n    \"widen\" : 4\n  },")
                .contains(
                        "\"modelPlugin\" : {\n"
                                + "    \"className\" : \"com.example.wide.WideNet\",\n"
                                + "    \"jar\" : \"wide-net-1.0.jar\",\n"
                                + "    \"version\" : \"1.0\"\n"
                                + "  },");
    }

    @Test
    void loadsAsTrainedWhenThePluginsDefaultChangedSince() {
        ImageSet images = new SmallImages(1, 4, new int[] {0, 1, 2}, CLASSES);
        float[][] before;
        try (SavedModel saved = trained.loadModel(model, null)) {
            before = saved.probabilities(images, model, 256, false);
        }
        float[][] after;
        try (SavedModel saved = later.loadModel(model, null)) {
            after = saved.probabilities(images, model, 256, false);
        }

        assertThat(after).isDeepEqualTo(before);
        assertThat(later.parameterCount(model)).hasValue(WIDEN_4_PARAMETERS);
        // Today's default would build another network.
        Block today =
                later.catalog()
                        .model("model.type", "wide-net")
                        .create(ModelDescription.specOf(CHW, 3, Map.of()));
        assertThat(ModelSummary.of(today, new Shape(CHW[0], CHW[1], CHW[2])).parameters())
                .isEqualTo(WIDEN_2_PARAMETERS);
    }

    @Test
    void aModelWithoutTheRecordIsBuiltWithTodaysDefault() throws IOException {
        Path file = model.resolve(ModelDescription.FILE_NAME);
        ModelDescription recorded = ModelDescription.read(file);
        new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValue(file.toFile(), recorded.with(Map.of(), null));

        assertThatThrownBy(() -> later.loadModel(model, null))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("cannot load the model parameters")
                .hasMessageContaining("but the described architecture needs");
    }

    @Test
    void warnsWhenThePluginIsAnotherVersionThanTheOneThatTrainedIt() {
        String warnings = standardError(() -> later.loadModel(model, null));
        String same = standardError(() -> trained.loadModel(model, null));

        assertThat(warnings)
                .contains("WARN")
                .contains(model.resolve(ModelDescription.FILE_NAME).toString())
                .contains(
                        "trained with model plugin 'wide-net' com.example.wide.WideNet from"
                                + " wide-net-1.0.jar, version 1.0; this installation has"
                                + " com.example.wide.WideNet from wide-net-2.0.jar, version 2.0");
        assertThat(same).doesNotContain("wide-net");
    }

    @Test
    void aMissingPluginIsAnErrorNamingItsTypeAndTheJarItCameFrom() {
        Classify without = Classify.forClassPath();

        assertThatThrownBy(() -> without.loadModel(model, null))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("classify-model.json: the model needs plugins")
                .hasMessageContaining("unknown model 'wide-net'")
                .hasMessageContaining(
                        "install the plugins it was trained with (model 'wide-net':"
                                + " com.example.wide.WideNet from wide-net-1.0.jar, version 1.0)");
        assertThat(without.parameterCount(model)).isEmpty();
    }

    /**
     * What {@code body} writes to the standard error, where the tests' SLF4J binding logs; closes
     * what it returns.
     */
    private static String standardError(Supplier<SavedModel> body) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, UTF_8));
        try {
            body.get().close();
        } finally {
            System.setErr(original);
        }
        return captured.toString(UTF_8);
    }
}
