package dev.classify.models;

import ai.djl.nn.Block;
import dev.classify.api.ModelProvider;
import dev.classify.api.ModelSpec;
import dev.classify.api.OptionInfo;
import dev.classify.api.Options;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code se-resnet}: a {@code resnet} (see {@link ResNetProvider}) with a squeeze-and-excitation
 * block in every residual unit, after Hu et al. 2017, "Squeeze-and-Excitation Networks"
 * (arXiv:1709.01507).
 *
 * <p>The block ends each unit's residual branch, after its last batch norm and before the addition
 * of the shortcut: global average pooling, fully connected C to max(1, C / r) (with bias), ReLU,
 * fully connected back to C (with bias), sigmoid, and channel-wise scaling of the branch by the
 * result. With 3x224x224 input, 1000 classes and r = 16, SE-ResNet-50 has 28,088,024 trainable
 * parameters (ResNet-50 plus 2,530,992).
 *
 * <p>Input: float32 (N, C, H, W) with C, H and W of the {@link ModelSpec}. Output: (N, numClasses)
 * logits.
 *
 * <p>Options: those of {@code resnet} ({@code depth} default 18, {@code stem} default by input
 * size, {@code width} default 1.0, {@code dropPath} default 0, dropping the whole residual branch
 * with its squeeze-and-excitation block), and {@code reduction}: the ratio r, at least 1, default
 * 16.
 *
 * <p>Stateless and thread safe.
 */
public final class SeResNetProvider implements ModelProvider {
    private static final int DEFAULT_REDUCTION = 16;

    @Override
    public String name() {
        return "se-resnet";
    }

    @Override
    public String description() {
        return "ResNet with squeeze-and-excitation in every residual unit (Hu et al. 2017)";
    }

    @Override
    public List<OptionInfo> options() {
        List<OptionInfo> options = new ArrayList<>(ResNetOptions.describe());
        options.add(
                new OptionInfo(
                        "reduction",
                        String.valueOf(DEFAULT_REDUCTION),
                        "squeeze-and-excitation reduction r: the gate's hidden width is C/r"));
        return options;
    }

    @Override
    public Block create(ModelSpec spec) {
        Options options = spec.options();
        ResNetOptions resNet = ResNetOptions.read(spec);
        int reduction = options.intValue("reduction", DEFAULT_REDUCTION);
        options.check(reduction >= 1, "reduction", "must be at least 1, got " + reduction);
        options.validate();
        return ResNetBuilder.seResNet(resNet, spec.numClasses(), reduction).build();
    }
}
