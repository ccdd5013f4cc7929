package dev.classify.engine.train;

import static java.util.Objects.requireNonNull;

import ai.djl.engine.Engine;
import dev.classify.api.ModelSpec;
import dev.classify.api.RunStart;
import dev.classify.engine.config.ConfigurationWriter;
import dev.classify.engine.config.EmaConfig;
import dev.classify.engine.config.OutputConfig;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.data.HoldOutFile;
import dev.classify.engine.model.TestTimeAugmentation;
import dev.classify.engine.runtime.EngineChoice;
import dev.classify.engine.runtime.RuntimeReport;
import dev.classify.report.AtomicFiles;
import dev.classify.report.RunFiles;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a run folder for its epochs: writes {@code config.yaml} (and {@code holdout.csv} for a
 * drawn hold-out), tells the person the runtime and what trains on what, and seeds the engine.
 */
final class RunOpening {
    private static final Logger LOG = LoggerFactory.getLogger(RunOpening.class);

    private final PreparedRun prepared;
    private final Path runDirectory;
    private final StartingPoint start;
    private final RunListener listener;

    @Inject
    RunOpening(
            PreparedRun prepared,
            @RunModule.RunFolder Path runDirectory,
            StartingPoint start,
            RunListener listener) {
        this.prepared = requireNonNull(prepared, "prepared is null");
        this.runDirectory = requireNonNull(runDirectory, "runDirectory is null");
        this.start = requireNonNull(start, "start is null");
        this.listener = requireNonNull(listener, "listener is null");
    }

    /**
     * Writes the run's configuration, reports and seeds.
     *
     * @return what the listeners learn when the run starts
     * @throws IOException when the run folder cannot be written
     */
    RunStart open() throws IOException {
        PipelineConfig config = prepared.config();
        // Without output.dir: the file re-runs the training into a new folder, not into this one.
        PipelineConfig rerun =
                new PipelineConfig(
                        config.data(),
                        config.model(),
                        config.augment(),
                        config.train(),
                        new OutputConfig(null),
                        config.engine(),
                        config.listeners());
        ConfigurationWriter writer = new ConfigurationWriter();
        String text = writer.write(rerun);
        AtomicFiles.writeText(runDirectory.resolve(RunFiles.CONFIG), out -> out.write(text));
        if (config.data().validation().source() == null) {
            HoldOutFile.write(
                    runDirectory.resolve(HoldOutFile.FILE_NAME),
                    prepared.train(),
                    prepared.split());
        }
        Engine engine = EngineChoice.load(prepared.engine());
        listener.message(RuntimeReport.describe(engine, prepared.devices()));
        engine.setRandomSeed(
                Math.toIntExact(Math.floorMod(config.train().seed(), Integer.MAX_VALUE)));
        listener.started(summary(engine));
        EmaConfig ema = config.train().ema();
        if (ema != null && !start.finishOnly()) {
            // Said once, so that the val_* columns are read as the average's.
            String line =
                    String.format(
                            Locale.ROOT,
                            "weight average (train.ema): decay %s, warm-up %d steps, %s;"
                                    + " validation, model/ and predictions use the average",
                            ema.decay(),
                            ema.warmupSteps(),
                            ema.batchNormBatches() == 0
                                    ? "batch-norm statistics averaged"
                                    : "batch-norm statistics recomputed from "
                                            + ema.batchNormBatches()
                                            + " training batches each epoch");
            listener.message(line);
            LOG.info("{}", line);
        }
        List<String> views = config.augment().tta();
        if (!views.isEmpty() && !start.finishOnly()) {
            String line =
                    "test-time augmentation (augment.tta): validation and predictions average each"
                            + " image's class probabilities with its views "
                            + String.join(", ", views)
                            + " ("
                            + TestTimeAugmentation.of(views).views()
                            + " forward passes per image)";
            listener.message(line);
            LOG.info("{}", line);
        }
        LOG.info("{}", RuntimeReport.describe(engine, prepared.devices()));
        return new RunStart(
                writer.tree(rerun),
                runDirectory,
                start.history().size() + 1,
                config.train().epochs());
    }

    /** One line: what trains on how many images, its input, classes, engine and device(s). */
    private String summary(Engine engine) {
        ModelSpec spec = prepared.spec();
        int earlier = start.history().size();
        return String.format(
                Locale.ROOT,
                "%s %s on %d images (%d held out for validation), input %dx%dx%d,"
                        + " %d classes, %s %s",
                earlier == 0
                        ? "training"
                        : (start.finishOnly() ? "finishing" : "resuming")
                                + " after epoch "
                                + earlier
                                + ":",
                prepared.config().model().type(),
                prepared.split().train().length,
                prepared.split().validation().length,
                spec.inputChannels(),
                spec.inputHeight(),
                spec.inputWidth(),
                spec.numClasses(),
                engine.getEngineName(),
                prepared.devices().size() == 1 ? prepared.device() : prepared.devices());
    }
}
