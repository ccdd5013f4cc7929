package dev.classify.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.Trainer;
import dev.classify.api.ConfigurationException;
import dev.classify.engine.config.TrainConfig;
import dev.classify.engine.train.step.GradientNormClip;
import dev.classify.engine.train.step.ParameterUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * When the optimizer steps and which gradient it takes: after every {@code train.accumulate}
 * backward passes, their gradients combined as the gradient of the mean loss over all their images
 * (each batch's mean-loss gradient weighted by its share of the images), then clipped to {@code
 * train.clipGradientNorm} ({@link GradientNormClip}); {@link #finishEpoch} steps on a remainder of
 * fewer batches. With neither option it is {@link ParameterUpdate#apply()} after every batch, as
 * before.
 *
 * <p>Why own buffers: DJL 0.36 has no engine-neutral gradient accumulation. A parameter's gradient
 * on MXNet is attached with {@code grad_req write}, so each backward pass overwrites the last
 * one's; on PyTorch backward adds to the gradient, which the optimizer's update zeroes (and {@code
 * GradientCollector} leaves alone on both: its {@code zeroGradients} is never called by the
 * trainer). So after each backward pass that does not end a step, the gradient is added, weighted
 * by its batch's images, to a buffer per parameter (one more copy of the parameters' memory) and
 * zeroed; the step's last backward pass is combined with the buffers in place, and the update reads
 * the result on either engine. {@code OptimizerStepsTest} checks both engines' behaviour.
 *
 * <p>Only with one device: with several, DJL's parameter server reads and sums the devices' own
 * gradients, which these buffers do not reach. Not thread safe.
 */
final class OptimizerSteps {
    private final int accumulate;
    private final Double clipNorm;
    private Trainer buffersOf;
    private List<NDArray> buffers;
    private int pending;
    private long pendingImages;

    OptimizerSteps(TrainConfig train) {
        this(train.accumulate(), train.clipGradientNorm());
    }

    /**
     * @param accumulate backward passes per optimizer step, at least 1
     * @param clipNorm the largest total gradient norm, or null for none
     */
    OptimizerSteps(int accumulate, Double clipNorm) {
        if (accumulate < 1) {
            throw new IllegalArgumentException("accumulate must be at least 1, got " + accumulate);
        }
        this.accumulate = accumulate;
        this.clipNorm = clipNorm;
    }

    /** Forgets gradients a stopped epoch left pending. */
    void startEpoch() {
        if (pending > 0 && buffers != null) {
            for (NDArray buffer : buffers) {
                buffer.subi(buffer);
            }
        }
        pending = 0;
        pendingImages = 0;
    }

    /**
     * Called after the backward pass of a batch of {@code images}: steps the optimizer when the
     * batch completes a group of {@code accumulate}, else keeps its gradient for the step.
     *
     * @throws ConfigurationException when accumulation or clipping meets several devices
     */
    void afterBackward(RunState state, int images) {
        if (accumulate == 1 && clipNorm == null) {
            state.update().apply();
            return;
        }
        requireOneDevice(state.update());
        pending++;
        pendingImages += images;
        if (pending < accumulate) {
            withGradients(state, gradients -> keep(state.trainer(), gradients, images));
            return;
        }
        step(state, images);
    }

    /**
     * Steps the optimizer on the batches of an unfinished group (fewer than {@code accumulate} at
     * the end of an epoch); nothing when none is pending.
     */
    void finishEpoch(RunState state) {
        if (pending > 0) {
            // The pending gradients are all in the buffers, and the gradients are zero.
            step(state, 0);
        }
    }

    private void step(RunState state, int lastImages) {
        withGradients(
                state,
                gradients -> {
                    if (accumulate > 1) {
                        combine(gradients, lastImages);
                    }
                    if (clipNorm != null) {
                        GradientNormClip.clip(gradients, clipNorm);
                    }
                });
        state.update().apply();
        // combine zeroed the buffers
        pending = 0;
        pendingImages = 0;
    }

    /** Adds each gradient, times {@code images}, to its buffer, and zeroes it. */
    private void keep(Trainer trainer, List<NDArray> gradients, int images) {
        if (buffers == null || buffersOf != trainer) {
            buffers = new ArrayList<>();
            for (NDArray gradient : gradients) {
                buffers.add(
                        trainer.getManager()
                                .zeros(
                                        gradient.getShape(),
                                        gradient.getDataType(),
                                        gradient.getDevice()));
            }
            buffersOf = trainer;
        }
        for (int i = 0; i < gradients.size(); i++) {
            NDArray gradient = gradients.get(i);
            buffers.get(i).addi(gradient.mul(images));
            gradient.subi(gradient);
        }
    }

    /**
     * Makes each gradient the group's: (gradient x lastImages + buffer) / images of the group, and
     * zeroes the buffers.
     */
    private void combine(List<NDArray> gradients, int lastImages) {
        for (int i = 0; i < gradients.size(); i++) {
            NDArray gradient = gradients.get(i);
            NDArray buffer = buffers.get(i);
            gradient.muli(lastImages).addi(buffer).divi(pendingImages);
            buffer.subi(buffer);
        }
    }

    /**
     * Runs {@code action} on the gradients of the trainable parameters, in their order; the handles
     * and every temporary array are closed afterwards (the gradients themselves stay).
     */
    private static void withGradients(RunState state, Consumer<List<NDArray>> action) {
        try (NDManager scratch = state.trainer().getManager().newSubManager()) {
            List<NDArray> gradients = new ArrayList<>();
            for (Parameter parameter : state.update().trainable()) {
                NDArray gradient = parameter.getArray().getGradient();
                gradient.attach(scratch);
                gradients.add(gradient);
            }
            action.accept(gradients);
        }
    }

    private void requireOneDevice(ParameterUpdate update) {
        if (!update.trainsOwnArrays()) {
            String key = accumulate > 1 ? "train.accumulate" : "train.clipGradientNorm";
            throw new ConfigurationException(
                    key,
                    "works on one device only, but this run trains on several (train.device:"
                            + " gpus); train on one device or leave "
                            + key.substring("train.".length())
                            + " out");
        }
    }
}
