package dev.classify.engine.train.step;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import java.util.List;

/**
 * The optimizer step after a backward pass: the optimizer's update applied to every trainable
 * parameter of the trainer's model.
 *
 * <p>With one device this calls {@link Optimizer#update} on each parameter's array and its gradient
 * directly, instead of DJL 0.36's {@code Trainer.step()}, which hands every parameter to the
 * engine's parameter server one at a time: on MXNet a KVStore push and pull per parameter, whose
 * update then runs as a Java callback from native code (and the store keeps its own copy of every
 * weight); on PyTorch DJL's {@code LocalParameterServer}, which copies every gradient first. With
 * one device there is nothing to reduce across devices, so neither is needed: the same optimizer
 * object, state (momentum buffers, update counts, which {@code OptimizerState} saves) and
 * arithmetic, with fewer native calls. Measured on 2 cores (batch 128, SGD with momentum, {@code
 * StepProfileBenchmark}): the update of the simple CNN's 8 parameters took 2 instead of 4
 * milliseconds, ResNet-20's 65 parameters 6 to 7 instead of 15 to 16.
 *
 * <p>With several devices the trainer's own step remains: its parameter server sums the gradients
 * of all devices and updates every device's copy. Not thread safe.
 */
public final class ParameterUpdate {
    private final Trainer trainer;
    private final Optimizer optimizer;
    private final Runnable afterStep;
    private List<Parameter> trainable;

    /**
     * @param trainer the trainer whose model's parameters to update
     * @param optimizer the optimizer of the trainer's configuration (the same object)
     */
    public ParameterUpdate(Trainer trainer, Optimizer optimizer) {
        this(trainer, optimizer, () -> {});
    }

    /**
     * @param afterStep runs after every update (the weight average's step)
     */
    public ParameterUpdate(Trainer trainer, Optimizer optimizer, Runnable afterStep) {
        this.trainer = trainer;
        this.optimizer = optimizer;
        this.afterStep = afterStep;
    }

    /**
     * Whether the trainer trains the parameters' own arrays: one device, on which they live. On
     * another device its parameter store trains copies, which only its own step updates.
     */
    private boolean direct() {
        Device[] devices = trainer.getDevices();
        return devices.length == 1
                && trainable.stream()
                        .allMatch(parameter -> parameter.getArray().getDevice().equals(devices[0]));
    }

    /** The parameters the update trains (read after the trainer's initialization). */
    public List<Parameter> trainable() {
        if (trainable == null) {
            // After the trainer's initialization, so the list holds the arrays it trains.
            trainable =
                    trainer.getModel().getBlock().getParameters().values().stream()
                            .filter(Parameter::requiresGradient)
                            .toList();
        }
        return trainable;
    }

    /** Whether the update trains the parameters' own arrays (one device), not the trainer's. */
    public boolean trainsOwnArrays() {
        trainable();
        return direct();
    }

    /** Updates every trainable parameter from the gradient of the last backward pass. */
    public void apply() {
        trainable();
        if (!direct()) {
            trainer.step();
            afterStep.run();
            return;
        }
        for (Parameter parameter : trainable) {
            NDArray weight = parameter.getArray();
            // getGradient returns a new handle to the gradient each time; the update reads it
            // (on PyTorch it then zeroes the weight's gradient, as after the trainer's step).
            try (NDArray gradient = weight.getGradient()) {
                optimizer.update(parameter.getId(), weight, gradient);
            }
        }
        afterStep.run();
    }
}
