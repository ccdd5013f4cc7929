package dev.classify.models;

import ai.djl.nn.Block;
import dev.classify.api.ModelProvider;
import dev.classify.api.ModelSpec;
import dev.classify.api.OptionInfo;
import java.util.List;

/**
 * {@code resnet}: the residual network of He et al. 2015, "Deep Residual Learning for Image
 * Recognition" (arXiv:1512.03385), laid out as torchvision's {@code resnet18} ... {@code
 * resnet152}.
 *
 * <p>Layout: a stem; four stages of residual units with widths 64, 128, 256 and 512 (times {@code
 * width}), the first unit of stages 2-4 halving the resolution; global average pooling; flatten; a
 * fully connected layer (with bias) to the number of classes. Depth 18 and 34 use basic units (two
 * 3x3 convolutions; 2-2-2-2 and 3-4-6-3 units per stage), depth 50, 101 and 152 bottleneck units
 * (1x1, 3x3 with the stride, 1x1 expanding 4x; 3-4-6-3, 3-4-23-3 and 3-8-36-3 units). Convolutions
 * have no bias and are each followed by batch norm; ReLU follows the first norms of a unit and the
 * addition of its shortcut, which is the identity, or a 1x1 convolution plus batch norm where the
 * shape changes. With 3x224x224 input and 1000 classes ResNet-18 has 11,689,512 trainable
 * parameters, as torchvision's.
 *
 * <p>Input: float32 (N, C, H, W) with C, H and W of the {@link ModelSpec} (any C >= 1). Output: (N,
 * numClasses) logits.
 *
 * <p>Options:
 *
 * <ul>
 *   <li>{@code depth}: 18, 34, 50, 101 or 152; default 18.
 *   <li>{@code stem}: {@code imagenet} (7x7 stride-2 conv with padding 3, BN, ReLU, 3x3 stride-2
 *       max-pool with padding 1) or {@code small} (3x3 stride-1 conv with padding 1, BN, ReLU, no
 *       pooling, for 28x28 or 32x32 images); default {@code small} when the input height and width
 *       are both at most 64, else {@code imagenet}.
 *   <li>{@code width}: multiplier of every layer's channels (stem included), rounded to an integer
 *       of at least 1; in (0, 16], default 1.0.
 *   <li>{@code dropPath}: stochastic depth (Huang et al. 2016, "Deep Networks with Stochastic
 *       Depth", arXiv:1603.09382; timm's {@code --drop-path}), in [0, 1), default 0. In training,
 *       residual unit i of the n units (0-based, over all stages) drops its residual branch for
 *       each sample with probability {@code dropPath * i / (n - 1)} (timm's linear rule: 0 for the
 *       first unit, {@code dropPath} for the last) and scales a kept branch by 1 / (1 - that rate);
 *       prediction keeps every branch unscaled. The draws come from the engine's random generator,
 *       seeded by training. With 0 the network, its parameters and its training are as without the
 *       option.
 * </ul>
 *
 * <p>Stateless and thread safe.
 */
public final class ResNetProvider implements ModelProvider {

    @Override
    public String name() {
        return "resnet";
    }

    @Override
    public String description() {
        return "ResNet-18/34/50/101/152 in torchvision's layout (He et al. 2015)";
    }

    @Override
    public List<OptionInfo> options() {
        return ResNetOptions.describe();
    }

    @Override
    public Block create(ModelSpec spec) {
        ResNetOptions options = ResNetOptions.read(spec);
        spec.options().validate();
        return ResNetBuilder.resNet(options, spec.numClasses()).build();
    }
}
