package dev.classify.engine.train.step;

import dev.classify.api.ConfigurationException;
import java.util.Map;

/**
 * The error for a training loss that is no longer finite after an epoch, with what to try: a lower
 * learning rate first; on the PyTorch engine without a fill of fresh allocations also the known
 * libtorch defect (README, Engines, "Known problem"): on an AMD EPYC with AVX-512, DJL's PyTorch
 * 2.7.1 sometimes returns non-finite gradients for a convolution whose input needs no gradient,
 * read from memory nobody wrote, and glibc's {@code MALLOC_PERTURB_} cures it. Stateless.
 */
public final class TrainingDivergence {
    /** The glibc variable that fills fresh allocations ({@code 255}: with zeros). */
    public static final String FILL_VARIABLE = "MALLOC_PERTURB_";

    private TrainingDivergence() {}

    /**
     * The error for {@code loss} after {@code epoch}, naming {@code train.optimizer.learningRate}.
     *
     * @param loss the epoch's mean training loss, NaN or infinite
     * @param epoch the epoch, from 1
     * @param engineName DJL's engine name ({@code MXNet}, {@code PyTorch})
     * @param environment the process environment, normally {@link System#getenv()}
     * @return the error (not thrown), for the caller to throw
     */
    public static ConfigurationException of(
            double loss, int epoch, String engineName, Map<String, String> environment) {
        String message =
                "the training loss became "
                        + loss
                        + " in epoch "
                        + epoch
                        + "; lower the learning rate (or, if it is already small, check that"
                        + " normalize's std is not tiny and that the images hold no NaN)";
        if ("PyTorch".equals(engineName) && !environment.containsKey(FILL_VARIABLE)) {
            message +=
                    "; on engine PyTorch with an AVX-512 processor this can also be a libtorch"
                            + " defect that the same run on MXNet does not have: run again with "
                            + FILL_VARIABLE
                            + "=255 in the environment (README, Engines, Known problem)";
        }
        return new ConfigurationException("train.optimizer.learningRate", message);
    }
}
