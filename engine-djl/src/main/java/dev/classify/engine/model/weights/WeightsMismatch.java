package dev.classify.engine.model.weights;

import dev.classify.api.ConfigurationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every way a weights file differs from a network, collected so that one error lists them all: one
 * line per missing, unexpected and misshapen tensor, then a count. Not thread safe.
 */
final class WeightsMismatch {
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

    private final Path file;
    private final List<String> problems = new ArrayList<>();
    private int missing;
    private int unexpected;
    private int misshapen;
    private boolean squeezeExcitation;

    WeightsMismatch(Path file) {
        this.file = file;
    }

    /** The file lacks {@code name}, which should have {@code expected} shape. */
    void missing(String name, String expected) {
        missing++;
        problems.add(file + ": missing tensor " + name + ", expected shape " + expected);
    }

    /** The file holds {@code name}, which the network does not have. */
    void unexpected(String name, String shape) {
        unexpected++;
        problems.add(file + ": unexpected tensor " + name + " of shape " + shape);
    }

    /** The file's {@code name} has shape {@code found} where the network needs {@code expected}. */
    void misshapen(String name, String found, String expected) {
        misshapen++;
        squeezeExcitation |= name.contains(".se.fc");
        problems.add(file + ": tensor " + name + " has shape " + found + ", expected " + expected);
    }

    /** The file's {@code name} is of a type that is not a float. */
    void notFloat(String name, String dtype) {
        misshapen++;
        problems.add(
                file
                        + ": tensor "
                        + name
                        + " is "
                        + dtype
                        + ", expected F32, F16 or BF16; convert it with tensor.float()");
    }

    /**
     * Throws when anything differs.
     *
     * @throws ConfigurationException listing every difference, then a line counting them
     */
    void throwIfAny(String modelType) {
        if (problems.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>(problems);
        lines.add(
                file
                        + ": "
                        + missing
                        + " missing, "
                        + unexpected
                        + " unexpected and "
                        + misshapen
                        + " misshapen tensors: the file does not hold this "
                        + modelType
                        + (squeezeExcitation ? SQUEEZE_EXCITATION : "")
                        + "; check the model type, its depth, stem and width, and the input"
                        + " channels");
        throw new ConfigurationException(lines);
    }
}
