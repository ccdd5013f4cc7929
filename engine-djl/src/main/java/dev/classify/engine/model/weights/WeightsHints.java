package dev.classify.engine.model.weights;

/** Explanations added to a mismatch when its pattern suggests a cause. */
final class WeightsHints {
    /**
     * timm rounds the squeeze-and-excitation hidden width to a multiple of 8 ({@code
     * make_divisible(C / 16, 8)}, at least 8), classify's se-resnet takes C / reduction: the two
     * differ where C / reduction is not a multiple of 8, such as the 64-channel units of timm's
     * seresnet18 and seresnet34 (8 against 4).
     */
    static final String SQUEEZE_EXCITATION =
            " (timm rounds the squeeze-and-excitation width to a multiple of 8, classify's"
                    + " se-resnet uses C / reduction: they agree where C / reduction is a"
                    + " multiple of 8, as in seresnet50, 101 and 152, not for the 64-channel"
                    + " units of seresnet18 and 34)";

    private WeightsHints() {}
}
