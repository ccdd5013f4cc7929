package dev.classify.engine.config;

import static java.util.Objects.requireNonNull;

import dev.classify.api.Problems;

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
 */
public record PipelineConfig(
        DataConfig data,
        ModelConfig model,
        AugmentConfig augment,
        TrainConfig train,
        OutputConfig output,
        String engine) {

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
    }

    /** A configuration on the default engine. */
    public PipelineConfig(
            DataConfig data,
            ModelConfig model,
            AugmentConfig augment,
            TrainConfig train,
            OutputConfig output) {
        this(data, model, augment, train, output, null);
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
