package dev.classify.engine.model;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.classify.api.ModelSpec;
import dev.classify.api.Options;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.plugin.PluginCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Saves freshly initialised (untrained) networks as model folders, for tests of prediction. */
public final class InitialisedModels {
    private InitialisedModels() {}

    /**
     * Saves an initialised {@code type} for {@code channels}x{@code side}x{@code side} images of
     * {@code classes} into {@code model}, described as having the options {@code described}.
     */
    public static Path save(
            PluginCatalog catalog,
            Path model,
            String type,
            int channels,
            int side,
            Map<String, Object> options,
            Map<String, Object> described,
            List<String> classes)
            throws IOException {
        return save(catalog, model, type, channels, side, options, described, classes, List.of());
    }

    /**
     * Saves an initialised model as {@link #save(PluginCatalog, Path, String, int, int, Map, Map,
     * List)} does, described as trained with the test-time views {@code tta} (e.g. {@code flip}).
     */
    public static Path save(
            PluginCatalog catalog,
            Path model,
            String type,
            int channels,
            int side,
            Map<String, Object> options,
            Map<String, Object> described,
            List<String> classes,
            List<String> tta)
            throws IOException {
        Block block =
                catalog.model("model.type", type)
                        .create(
                                new ModelSpec(
                                        channels,
                                        side,
                                        side,
                                        classes.size(),
                                        new Options("model", options)));
        try (Model djl = Model.newInstance("test", PipelineConfig.DEFAULT_ENGINE)) {
            djl.setBlock(block);
            block.initialize(
                    djl.getNDManager(), DataType.FLOAT32, new Shape(1, channels, side, side));
            SavedModel.save(
                    model,
                    djl,
                    new ModelDescription(
                            ModelDescription.FORMAT,
                            PipelineConfig.DEFAULT_ENGINE,
                            type,
                            described,
                            Map.of(),
                            null,
                            new int[] {channels, side, side},
                            new int[] {channels, side, side},
                            classes,
                            List.of(),
                            tta));
        }
        return model;
    }
}
