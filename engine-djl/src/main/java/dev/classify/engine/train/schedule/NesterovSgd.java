package dev.classify.engine.train.schedule;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SGD with Nesterov momentum from plain array operations, for engines without a fused update: DJL
 * 0.36's {@code Nag} calls MXNet's {@code nag_mom_update}, which its PyTorch engine does not
 * implement. The same update as MXNet's and PyTorch's {@code SGD(nesterov=True)} (Sutskever et al.
 * 2013), per parameter w with gradient g, learning rate lr, momentum m and weight decay wd:
 *
 * <pre>
 * g   = clip(g) + wd * w
 * buf = m * buf + g
 * w   = w - lr * (g + m * buf)
 * </pre>
 *
 * The momentum buffers are kept per parameter and device like DJL's own optimizers (so {@link
 * OptimizerState} saves and restores them); temporaries are closed after each update, and on
 * PyTorch the gradient is zeroed after it, as DJL's own PyTorch updates do.
 *
 * <p>On PyTorch (without gradient rescaling or clipping) the update is four calls of DJL's fused
 * native SGD step ({@code JniUtils.sgdUpdate}: {@code w -= lr * (g + wd * w)}, no momentum), each
 * in place and allocating no Java-side array, instead of ten array operations and five temporaries
 * through JNI: {@code g += wd * w} (in the gradient, zeroed afterwards anyway), {@code buf = m *
 * buf + g}, {@code w -= lr * m * buf}, {@code w -= lr * g}. The last two round once more than the
 * formula above (within a float's precision of it; NesterovSgdTest). Measured with {@code
 * ./classify bench} on the fast recipe's network (ResNet-18 at width 0.25, batch 128, 2 idle
 * cores): see the README's Recipes.
 */
public final class NesterovSgd extends Optimizer {
    private final ParameterTracker learningRateTracker;
    private final float momentum;
    private final Map<String, Map<Device, NDArray>> momentumStates = new ConcurrentHashMap<>();

    /**
     * @param momentum the momentum m, positive
     */
    public NesterovSgd(
            ParameterTracker learningRate, float momentum, float weightDecay, float clip) {
        super(builder(weightDecay, clip));
        this.learningRateTracker = learningRate;
        this.momentum = momentum;
    }

    private static OptimizerBuilder<?> builder(float weightDecay, float clip) {
        OptimizerBuilder<?> builder =
                new OptimizerBuilder<>() {
                    @Override
                    protected OptimizerBuilder<?> self() {
                        return this;
                    }
                };
        return builder.optWeightDecays(weightDecay).optClipGrad(clip);
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        float learningRate = learningRateTracker.getNewValue(parameterId, updateCount(parameterId));
        float weightDecay = getWeightDecay();
        NDArray buffer =
                withDefaultState(
                        momentumStates, parameterId, weight.getDevice(), k -> weight.zerosLike());
        if (weight instanceof PtNDArray torchWeight
                && grad instanceof PtNDArray torchGrad
                && buffer instanceof PtNDArray torchBuffer
                && rescaleGrad == 1f
                && clipGrad <= 0) {
            fusedUpdate(torchWeight, torchGrad, torchBuffer, learningRate, weightDecay);
            return;
        }
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray gradient = grad.mul(rescaleGrad);
            if (clipGrad > 0) {
                gradient = gradient.clip(-clipGrad, clipGrad);
            }
            if (weightDecay != 0) {
                gradient = gradient.add(weight.mul(weightDecay));
            }
            buffer.muli(momentum).addi(gradient);
            weight.subi(gradient.add(buffer.mul(momentum)).muli(learningRate));
        }
        if (weight instanceof PtNDArray torchWeight) {
            // PyTorch adds each backward pass to the gradient; DJL's own PyTorch updates zero it
            // after the step (MXNet overwrites it at every backward pass instead).
            JniUtils.zeroGrad(torchWeight);
        }
    }

    /**
     * The update on PyTorch from DJL's native step {@code sgdUpdate(w, g, state, lr, wd, rescale,
     * clip, momentum)}, which with momentum 0 computes {@code w -= lr * (g + wd * w)} on a copy of
     * g, in place in w.
     */
    private void fusedUpdate(
            PtNDArray weight, PtNDArray grad, PtNDArray buffer, float learningRate, float wd) {
        if (wd != 0) {
            // g -= (-wd) * (w + 0 * g): the gradient array gets the weight decay.
            JniUtils.sgdUpdate(grad, weight, null, -wd, 0f, 1f, -1f, 0f);
        }
        // buf -= (-1) * (g + (m - 1) * buf), which is m * buf + g.
        JniUtils.sgdUpdate(buffer, grad, null, -1f, momentum - 1f, 1f, -1f, 0f);
        // w -= lr * m * buf, then w -= lr * g.
        JniUtils.sgdUpdate(weight, buffer, null, learningRate * momentum, 0f, 1f, -1f, 0f);
        JniUtils.sgdUpdate(weight, grad, null, learningRate, 0f, 1f, -1f, 0f);
        JniUtils.zeroGrad(weight);
    }
}
