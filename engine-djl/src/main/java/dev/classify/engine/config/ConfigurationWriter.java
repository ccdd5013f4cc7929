package dev.classify.engine.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link PipelineConfig} back as YAML in the form {@link ConfigurationLoader} reads, with
 * every default filled in and data paths absolute, so that the file alone re-runs the same
 * training. Thread safe.
 */
public final class ConfigurationWriter {
    private final ObjectMapper mapper =
            new ObjectMapper(
                            new YAMLFactory()
                                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                                    // else a string option such as "7" reads back as a number
                                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS))
                    .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /** Returns {@code config} as YAML text. */
    public String write(PipelineConfig config) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("data", data(config.data()));
        root.put("model", model(config.model()));
        root.put("augment", augment(config.augment()));
        root.put("train", train(config.train()));
        if (!config.listeners().isEmpty()) {
            // Only when given: the config.yaml of a run without listeners stays as it was.
            root.put("listeners", steps(config.listeners()));
        }
        root.put("engine", config.engine());
        root.put("output", config.output());
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns {@code config} as {@link #write} writes it, read back as a read-only tree: maps (in
     * the file's order), lists, strings, numbers and booleans.
     */
    public Map<String, Object> tree(PipelineConfig config) {
        try {
            Map<?, ?> tree = mapper.readValue(write(config), Map.class);
            @SuppressWarnings("unchecked")
            Map<String, Object> readOnly = (Map<String, Object>) readOnly(tree);
            return readOnly;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object readOnly(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, child) -> copy.put(String.valueOf(key), readOnly(child)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(child -> copy.add(readOnly(child)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    private static Map<String, Object> train(TrainConfig train) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("epochs", train.epochs());
        map.put("batchSize", train.batchSize());
        map.put("optimizer", optimizer(train.optimizer()));
        map.put("scheduler", scheduler(train.scheduler()));
        map.put("labelSmoothing", train.labelSmoothing());
        map.put("device", train.device());
        map.put("seed", train.seed());
        if (train.earlyStopping() != null) {
            map.put("earlyStopping", train.earlyStopping());
        }
        if (train.ema() != null) {
            map.put("ema", train.ema());
        }
        if (!train.freeze().isEmpty()) {
            // Only when given: the config.yaml of a run that freezes nothing stays as it was.
            map.put("freeze", train.freeze());
        }
        // Written only when not the default, so that the config.yaml of a run that does not use
        // them stays as before.
        if (train.accumulate() != 1) {
            map.put("accumulate", train.accumulate());
        }
        putIfPresent(map, "clipGradientNorm", train.clipGradientNorm());
        if (train.prefetch() != TrainConfig.DEFAULT_PREFETCH) {
            map.put("prefetch", train.prefetch());
        }
        return map;
    }

    /**
     * The optimizer with the keys its type reads (the record leaves the others null), so that the
     * file shows what is in force and reads back: a key the type does not read is an error.
     */
    private static Map<String, Object> optimizer(OptimizerConfig optimizer) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", optimizer.type());
        putIfPresent(map, "learningRate", optimizer.learningRate());
        putIfPresent(map, "momentum", optimizer.momentum());
        putIfPresent(map, "nesterov", optimizer.nesterov());
        putIfPresent(map, "beta1", optimizer.beta1());
        putIfPresent(map, "beta2", optimizer.beta2());
        putIfPresent(map, "epsilon", optimizer.epsilon());
        putIfPresent(map, "weightDecay", optimizer.weightDecay());
        putIfPresent(map, "clipGradient", optimizer.clipGradient());
        return map;
    }

    /** The scheduler with the keys its type reads, as for the optimizer. */
    private static Map<String, Object> scheduler(SchedulerConfig scheduler) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", scheduler.type());
        putIfPresent(map, "stepEpochs", scheduler.stepEpochs());
        putIfPresent(map, "milestones", scheduler.milestones());
        putIfPresent(map, "gamma", scheduler.gamma());
        putIfPresent(map, "warmupEpochs", scheduler.warmupEpochs());
        putIfPresent(map, "monitor", scheduler.monitor());
        putIfPresent(map, "patience", scheduler.patience());
        putIfPresent(map, "factor", scheduler.factor());
        putIfPresent(map, "threshold", scheduler.threshold());
        putIfPresent(map, "cooldown", scheduler.cooldown());
        putIfPresent(map, "minLr", scheduler.minLr());
        return map;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static Map<String, Object> data(DataConfig data) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("train", source(data.train()));
        if (data.test() != null) {
            map.put("test", source(data.test()));
        }
        map.put("validation", validation(data.validation()));
        return map;
    }

    /** The hold-out keys in force, or the validation files; never both, which would not read. */
    private static Map<String, Object> validation(ValidationConfig validation) {
        if (validation.source() != null) {
            return source(validation.source());
        }
        Map<String, Object> map = new LinkedHashMap<>();
        if (validation.ids() != null) {
            map.put("ids", validation.ids());
            return map;
        }
        putIfPresent(map, "size", validation.size());
        putIfPresent(map, "fraction", validation.fraction());
        map.put("seed", validation.seed());
        if (validation.stratified()) {
            map.put("stratified", true);
        }
        return map;
    }

    private static Map<String, Object> source(SourceConfig source) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", source.type());
        map.put("images", source.images());
        if (source.labels() != null) {
            map.put("labels", source.labels());
        }
        map.putAll(source.options());
        putIfPresent(map, "classes", source.classes());
        putIfPresent(map, "perClass", source.perClass());
        return map;
    }

    private static Map<String, Object> model(ModelConfig model) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", model.type());
        if (model.inputChannels() != null) {
            map.put("inputChannels", model.inputChannels());
        }
        if (model.numClasses() != null) {
            map.put("numClasses", model.numClasses());
        }
        map.putAll(model.options());
        PretrainedConfig pretrained = model.pretrained();
        if (pretrained != null) {
            map.put(
                    "pretrained",
                    pretrained.exclude().isEmpty()
                            ? pretrained.path()
                            : Map.of("path", pretrained.path(), "exclude", pretrained.exclude()));
        }
        return map;
    }

    private static Map<String, Object> augment(AugmentConfig augment) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("train", steps(augment.train()));
        map.put("eval", steps(augment.eval()));
        if (!augment.tta().isEmpty()) {
            map.put("tta", augment.tta());
        }
        return map;
    }

    /** Returns the steps as the list of maps a configuration holds. */
    public static List<Map<String, Object>> steps(List<PluginConfig> steps) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (PluginConfig step : steps) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("type", step.type());
            map.putAll(step.options());
            list.add(map);
        }
        return list;
    }
}
