package dev.classify.engine.train;

import ai.djl.Device;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import dev.classify.engine.config.TrainConfig;
import dev.classify.engine.train.schedule.ConfiguredOptimizer;
import dev.classify.engine.train.schedule.EpochLearningRate;
import java.util.List;

/** The optimizer, the training loss and the devices of a run, as DJL's trainer takes them. */
public final class DjlTrainingConfig {
    private DjlTrainingConfig() {}

    /**
     * The training configuration of {@code config}: its optimizer, reading its rate from {@code
     * learningRate}, its loss and {@code devices}; {@code soft} when the training batches come with
     * soft targets (mixup, cutmix).
     */
    public static DefaultTrainingConfig create(
            TrainConfig config,
            EpochLearningRate learningRate,
            List<Device> devices,
            String engineName,
            boolean soft) {
        Optimizer optimizer =
                ConfiguredOptimizer.create(config.optimizer(), learningRate, engineName);
        return create(optimizer, loss(config, soft), devices);
    }

    /** The training configuration of {@code optimizer}, {@code loss} and {@code devices}. */
    public static DefaultTrainingConfig create(
            Optimizer optimizer, Loss loss, List<Device> devices) {
        return new DefaultTrainingConfig(loss)
                .optOptimizer(optimizer)
                .optDevices(devices.toArray(Device[]::new));
    }

    /**
     * The training loss: softmax cross-entropy, with label smoothing when {@code config} asks for
     * it or the targets are {@code soft}. train_loss reports this loss; val_loss is always plain
     * cross-entropy (see {@link EpochRunner}).
     */
    public static Loss loss(TrainConfig config, boolean soft) {
        // Mixed batches (mixup, cutmix) come with soft targets, which only our loss takes.
        return config.labelSmoothing() > 0 || soft
                ? new LabelSmoothingLoss(config.labelSmoothing())
                : Loss.softmaxCrossEntropyLoss();
    }
}
