package dev.classify.engine.config;

import static java.util.Objects.requireNonNull;

import dev.classify.api.Problems;
import java.util.List;

/**
 * A whole training run: data, model, augmentation, optimisation and output.
 *
 * @param data the training, validation and test sets
 * @param model the architecture
 * @param augment the training and evaluation augmentation pipelines
 * @param train epochs, batch size, optimizer, learning-rate schedule, device and seed
 * @param output where the run directory goes
 * @param engine the DJL engine that trains and predicts: {@code MXNet} (the default) or {@code
 *     PyTorch}
 * @param listeners the training listener plugins ({@code listeners:}), each {@code {type: NAME,
 *     ...options}}, called in this order after the built-in ones; empty by default
 */
public record PipelineConfig(
        DataConfig data,
        ModelConfig model,
        AugmentConfig augment,
        TrainConfig train,
        OutputConfig output,
        String engine,
        List<PluginConfig> listeners) {

    /** The engine used when the configuration names none. */
    public static final String DEFAULT_ENGINE = "MXNet";

    /** Fills absent sections (other than {@code data}) with their defaults. */
    public PipelineConfig {
        requireNonNull(data, "data is null");
        model = model == null ? new ModelConfig(null, null, null, null) : model;
        augment = augment == null ? new AugmentConfig(null, null) : augment;
        train = train == null ? TrainConfig.defaults() : train;
        output = output == null ? new OutputConfig(null) : output;
        engine = engine == null ? DEFAULT_ENGINE : engine;
        listeners = listeners == null ? List.of() : List.copyOf(listeners);
    }

    /** A configuration without training listener plugins. */
    public PipelineConfig(
            DataConfig data,
            ModelConfig model,
            AugmentConfig augment,
            TrainConfig train,
            OutputConfig output,
            String engine) {
        this(data, model, augment, train, output, engine, List.of());
    }

    /** A configuration on the default engine. */
    public PipelineConfig(
            DataConfig data,
            ModelConfig model,
            AugmentConfig augment,
            TrainConfig train,
            OutputConfig output) {
        this(data, model, augment, train, output, null, List.of());
    }

    /** Records every problem of every section in {@code problems}. */
    public void validate(Problems problems) {
        data.validate("data", problems);
        model.validate("model", problems);
        augment.validate("augment", problems);
        train.validate("train", problems);
        output.validate("output", problems);
    }
}
