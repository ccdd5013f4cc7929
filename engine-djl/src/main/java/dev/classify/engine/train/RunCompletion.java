package dev.classify.engine.train;

import static java.util.Objects.requireNonNull;

import dev.classify.api.ImageSet;
import dev.classify.engine.data.ImageSubset;
import dev.classify.engine.data.TrueClasses;
import dev.classify.engine.model.PredictionFile;
import dev.classify.engine.model.SavedModel;
import dev.classify.engine.model.TestTimeAugmentation;
import dev.classify.engine.plugin.PluginCatalog;
import dev.classify.report.Evaluation;
import dev.classify.report.EvaluationReport;
import dev.classify.report.RunFiles;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finishes a trained run with its kept model ({@code model/}): predicts the test images into {@code
 * submission.csv} (when a test set is configured) and evaluates the hold-out into {@code
 * evaluation/} (when images are held out), as {@code classify evaluate} does; both average the
 * views of {@code augment.tta} as validation did.
 */
public final class RunCompletion {
    private final PreparedRun prepared;
    private final PluginCatalog catalog;
    private final Path runDirectory;
    private final RunState state;
    private final RunListener listener;

    @Inject
    RunCompletion(
            PreparedRun prepared,
            PluginCatalog catalog,
            @RunModule.RunFolder Path runDirectory,
            RunState state,
            RunListener listener) {
        this.prepared = requireNonNull(prepared, "prepared is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.runDirectory = requireNonNull(runDirectory, "runDirectory is null");
        this.state = requireNonNull(state, "state is null");
        this.listener = requireNonNull(listener, "listener is null");
    }

    /**
     * Writes the prediction file and the hold-out evaluation, saying where.
     *
     * @return the run's outcome
     * @throws IOException when the run folder cannot be written
     */
    public RunResult complete() throws IOException {
        int bestEpoch = state.bestEpoch();
        Optional<Path> submission = Optional.empty();
        if (prepared.test().isPresent()) {
            Path file = runDirectory.resolve(RunFiles.SUBMISSION);
            predictTest(file);
            listener.message(
                    "wrote "
                            + file
                            + " ("
                            + prepared.test().get().size()
                            + " predictions, model of epoch "
                            + bestEpoch
                            + ")");
            submission = Optional.of(file);
        }
        if (prepared.split().validation().length > 0) {
            Path folder = runDirectory.resolve(RunFiles.EVALUATION);
            Evaluation evaluation =
                    evaluateHoldOut(
                            catalog, prepared, runDirectory, folder, state.keptPredictions());
            listener.message(
                    String.format(
                            Locale.ROOT,
                            "wrote %s (hold-out accuracy %.4f, model of epoch %d)",
                            folder,
                            evaluation.accuracy(),
                            bestEpoch));
        }
        return new RunResult(runDirectory, List.copyOf(state.history()), bestEpoch, submission);
    }

    /**
     * Evaluates the kept model on the hold-out into {@code folder}, as classify evaluate does: from
     * {@code predicted} (the kept epoch's validation, in the split's order) when given, else by
     * loading the saved model and predicting the hold-out (the kept epoch ran before a resume).
     */
    static Evaluation evaluateHoldOut(
            PluginCatalog catalog,
            PreparedRun prepared,
            Path runDirectory,
            Path folder,
            Optional<int[]> predicted)
            throws IOException {
        ImageSet holdOut = new ImageSubset(prepared.train(), prepared.split().validation());
        int[] classes =
                predicted.isPresent()
                        ? predicted.get()
                        : predictSaved(
                                catalog,
                                prepared,
                                runDirectory,
                                holdOut,
                                Path.of(prepared.config().data().train().images()));
        // The saved model's class names are the run's (PreparedRun.describe).
        List<String> classNames = prepared.classNames();
        int[] truth =
                TrueClasses.of(holdOut, prepared.config().data().train().labelsPath(), classNames);
        return EvaluationReport.write(folder, holdOut, truth, classes, classNames);
    }

    private void predictTest(Path file) throws IOException {
        ImageSet test = prepared.test().orElseThrow();
        int[] classes =
                predictSaved(
                        catalog,
                        prepared,
                        runDirectory,
                        test,
                        Path.of(prepared.config().data().test().images()));
        PredictionFile.write(file, ids(test), labels(classes, prepared.classNames()));
    }

    /**
     * Predicts {@code images} (read from {@code source}) with the run's saved model, averaged over
     * the test-time augmentation views of {@code augment.tta}.
     */
    private static int[] predictSaved(
            PluginCatalog catalog,
            PreparedRun prepared,
            Path runDirectory,
            ImageSet images,
            Path source) {
        try (SavedModel saved =
                SavedModel.load(runDirectory.resolve(RunFiles.MODEL), catalog, prepared.engine())) {
            return saved.predict(
                    images,
                    source,
                    Math.max(prepared.config().train().batchSize(), 256),
                    TestTimeAugmentation.of(prepared.config().augment().tta()));
        }
    }

    /** Returns the ids of every image of {@code images}, in order. */
    static List<String> ids(ImageSet images) {
        List<String> ids = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            ids.add(images.id(i));
        }
        return ids;
    }

    /** Returns the class name of every predicted class index. */
    static List<String> labels(int[] classes, List<String> classNames) {
        List<String> labels = new ArrayList<>(classes.length);
        for (int value : classes) {
            labels.add(classNames.get(value));
        }
        return labels;
    }
}
