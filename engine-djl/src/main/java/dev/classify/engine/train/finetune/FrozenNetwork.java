package dev.classify.engine.train.finetune;

import ai.djl.mxnet.engine.MxGradientCollector;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import dev.classify.api.ConfigurationException;
import dev.classify.engine.model.TopLevelLayers;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;

/**
 * A network whose first layers are frozen ({@code train.freeze}), as timm's {@code freeze(...,
 * freeze_bn_stats=True)}: their parameters never reach the optimizer (DJL's {@link
 * Parameter#freeze}: no gradient is attached, so the update skips them and weight decay never
 * touches them), and during training they run as in inference, so that batch norm normalises with
 * its running statistics and leaves them, gamma and beta as they were.
 *
 * <p>It holds the plugin's sequence of layers under the same child names, so its parameter names
 * and its saved parameters are the plugin network's: {@code model/} loads into the network the
 * plugin builds. The frozen layers run with training off and, on MXNet, with autograd's training
 * and recording paused (MXNet's batch norm follows autograd's mode, not the flag it is given);
 * nothing before them is trained, so no gradient needs to pass through them. Not thread safe.
 */
public final class FrozenNetwork extends SequentialBlock {
    private final int frozenCount;

    private FrozenNetwork(int frozenCount) {
        this.frozenCount = frozenCount;
    }

    /**
     * Returns {@code network} with the layers {@code names} frozen, or {@code network} itself when
     * {@code names} is empty.
     *
     * @param network a new, uninitialised network from its model plugin
     * @throws ConfigurationException at {@code train.freeze} for unknown names, layers that are not
     *     the first ones, every layer, or a network that is not a sequence of layers
     */
    public static Block freeze(Block network, List<String> names) {
        if (names.isEmpty()) {
            return network;
        }
        Set<String> frozen = TopLevelLayers.of(network).frozen("train.freeze", names);
        if (!isPlainSequence(network)) {
            throw new ConfigurationException(
                    "train.freeze",
                    "needs a network that is a sequence of layers (a DJL SequentialBlock), but the"
                            + " model plugin builds a "
                            + network.getClass().getName()
                            + "; remove train.freeze");
        }
        FrozenNetwork frozenNetwork = new FrozenNetwork(frozen.size());
        for (Pair<String, Block> child : network.getChildren()) {
            // addChildBlock numbers the children again: the same position gives the same name.
            frozenNetwork.addChildBlock(
                    child.getKey().replaceFirst("^[0-9]+", ""), child.getValue());
            if (frozen.contains(child.getKey())) {
                child.getValue().freezeParameters(true);
            }
        }
        return frozenNetwork;
    }

    /**
     * Whether {@code network} runs its children one after the other and nothing else: a {@link
     * SequentialBlock} whose class does not run them another way.
     */
    private static boolean isPlainSequence(Block network) {
        if (!(network instanceof SequentialBlock)) {
            return false;
        }
        for (Class<?> type = network.getClass();
                type != SequentialBlock.class;
                type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                if (method.getName().startsWith("forward")) {
                    return false;
                }
            }
        }
        return !((SequentialBlock) network).isReturnIntermediate();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDList current = inputs;
        for (int i = 0; i < children.size(); i++) {
            Block child = children.get(i).getValue();
            current =
                    i < frozenCount && training
                            ? asInInference(child, parameterStore, current)
                            : child.forward(parameterStore, current, training);
        }
        return current;
    }

    private static NDList asInInference(Block child, ParameterStore store, NDList inputs) {
        boolean mxnet = "MXNet".equals(inputs.head().getManager().getEngine().getEngineName());
        if (!mxnet) {
            // PyTorch: batch norm follows the flag; no input needs a gradient, so none is recorded.
            return child.forward(store, inputs, false);
        }
        boolean recording = MxGradientCollector.setRecording(false);
        boolean training = MxGradientCollector.setTraining(false);
        try {
            return child.forward(store, inputs, false);
        } finally {
            MxGradientCollector.setTraining(training);
            MxGradientCollector.setRecording(recording);
        }
    }
}
