package dev.classify.engine.train;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.classify.api.ConfigurationException;
import dev.classify.api.EpochMetrics;
import dev.classify.api.InvalidDataException;
import dev.classify.report.AtomicFiles;
import dev.classify.report.RunFiles;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A training checkpoint folder ({@code checkpoints/last}, {@code checkpoints/best}): the parameters
 * ({@code model-0000.params}), the optimizer state (see {@link OptimizerState}), the weight average
 * when {@code train.ema} is set (see {@link WeightAverage}) and {@code state.json} with the epoch,
 * the metrics history and the best epoch so far. Written atomically, so that a crash or Ctrl-C
 * leaves the previous checkpoint whole.
 *
 * <p>Learning rate schedules and early stopping are not saved: they are pure functions of the
 * metrics history, so resuming replays it into fresh ones.
 *
 * @param epoch the last finished epoch, from 1
 * @param history the metrics of epochs 1 to {@code epoch}, in full precision
 * @param bestEpoch the epoch whose model is in {@code model/}
 * @param bestAccuracy that epoch's validation accuracy, or -infinity without a hold-out
 */
record Checkpoint(int epoch, List<EpochMetrics> history, int bestEpoch, double bestAccuracy) {
    static final String LAST = RunFiles.LAST_CHECKPOINT;
    static final String BEST = RunFiles.BEST_CHECKPOINT;
    static final String STATE_FILE = "state.json";
    private static final String PARAMETERS_PREFIX = "model";
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    Checkpoint {
        history = List.copyOf(history);
    }

    /** The folder of checkpoint {@code name} in {@code runDirectory}. */
    static Path folder(Path runDirectory, String name) {
        return runDirectory.resolve(RunFiles.CHECKPOINTS).resolve(name);
    }

    /**
     * Writes this checkpoint with {@code model}'s parameters, {@code optimizer}'s state and {@code
     * average} ({@code null} for none).
     */
    void write(Path folder, Model model, Optimizer optimizer, WeightAverage average)
            throws IOException {
        AtomicFiles.writeDirectory(
                folder,
                temporary -> {
                    model.save(temporary, PARAMETERS_PREFIX);
                    OptimizerState.save(optimizer, model.getBlock(), temporary);
                    if (average != null) {
                        average.save(temporary);
                    }
                    JSON.writeValue(temporary.resolve(STATE_FILE).toFile(), this);
                });
    }

    /**
     * Reads the state of the checkpoint in {@code folder}.
     *
     * @throws InvalidDataException when there is no checkpoint or it cannot be read
     */
    static Checkpoint read(Path folder) {
        Path file = folder.resolve(STATE_FILE);
        if (!Files.isRegularFile(file)) {
            throw new InvalidDataException(
                    file,
                    "no checkpoint here; give a run folder in which 'classify train' finished at"
                            + " least one epoch");
        }
        try {
            return JSON.readValue(file.toFile(), Checkpoint.class);
        } catch (IOException e) {
            throw new InvalidDataException(
                    file,
                    "cannot read the checkpoint ("
                            + reason(e)
                            + "); the checkpoint is damaged: train again",
                    e);
        }
    }

    /** Loads the parameters in {@code folder} into {@code model}, whose block is set. */
    static void loadParameters(Path folder, Model model) throws IOException {
        try {
            model.load(folder, PARAMETERS_PREFIX);
        } catch (MalformedModelException | IOException | RuntimeException e) {
            // A truncated file ends in EOFException, a damaged one in DJL's "Malformed data".
            throw new InvalidDataException(
                    folder.resolve(PARAMETERS_PREFIX + "-0000.params"),
                    "cannot load the checkpoint parameters ("
                            + reason(e)
                            + "); the checkpoint is damaged: train again",
                    e);
        }
    }

    /**
     * Restores the optimizer state in {@code folder} into a freshly built {@code optimizer}, with a
     * copy on each of {@code devices}.
     */
    static void restoreOptimizer(
            Path folder, Model model, Optimizer optimizer, NDManager manager, List<Device> devices)
            throws IOException {
        try {
            OptimizerState.restore(optimizer, model.getBlock(), manager, devices, folder);
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidDataException || e instanceof ConfigurationException) {
                throw e;
            }
            throw new InvalidDataException(
                    folder,
                    "cannot load the checkpoint's optimizer state ("
                            + reason(e)
                            + "); the checkpoint is damaged: train again",
                    e);
        }
    }

    /**
     * One line saying why a checkpoint file could not be read: Jackson's problem without its
     * multi-line source excerpt (its location as line and column instead), and for a file that ends
     * early (an {@link java.io.EOFException} has no message) that it is truncated.
     */
    static String reason(Exception e) {
        if (e instanceof JsonProcessingException json) {
            JsonLocation where = json.getLocation();
            // Jackson names the source inside its message too ("start marker at [Source: ...]").
            String problem =
                    firstLine(json.getOriginalMessage())
                            .replaceAll("\\s*\\(start marker at \\[Source: [^\\]]*\\]\\)", "")
                            .replaceAll("\\s*\\[Source: [^\\]]*\\]", "");
            return problem
                    + (where == null
                            ? ""
                            : " at line " + where.getLineNr() + ", column " + where.getColumnNr());
        }
        if (e instanceof EOFException || e.getCause() instanceof EOFException) {
            return "the file ends early: it is truncated";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage());
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
