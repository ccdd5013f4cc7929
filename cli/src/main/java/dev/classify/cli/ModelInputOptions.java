package dev.classify.cli;

import dev.classify.engine.Classify;
import dev.classify.engine.model.ModelEnsemble;
import dev.classify.engine.model.SavedModel;
import dev.classify.engine.model.TestTimeAugmentation;
import dev.classify.engine.plugin.DatasetTypes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options that {@code predict} and {@code evaluate} share: the model, the format, the batch,
 * and the test-time augmentation views ({@code --tta}), by default those the model was trained with
 * ({@code augment.tta} of its run), so that predicting the hold-out again gives the run's accuracy.
 */
final class ModelInputOptions {
    @Option(
            names = "--model",
            required = true,
            paramLabel = "DIR",
            description =
                    "A run folder written by train, or its model/ folder; repeat it for an"
                            + " ensemble, which averages the models' class probabilities (same"
                            + " classes, same image shape).")
    List<Path> models;

    @Option(
            names = "--type",
            paramLabel = "NAME",
            description =
                    "The dataset format of --images (default: folder for a folder or an image"
                            + " file, idx for *-ubyte files, else npy).")
    String type;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            defaultValue = "256",
            description =
                    "Images per forward pass (default: ${DEFAULT-VALUE}); fewer when that many"
                            + " would hold more than a sixth of the memory (at most 4 GiB).")
    int batchSize;

    @Option(
            names = "--tta",
            arity = "0..1",
            fallbackValue = "flip",
            paramLabel = "VIEWS",
            description =
                    "Test-time augmentation: average the class probabilities of each image with"
                            + " those of its views, a comma-separated list of flip (the"
                            + " left-right mirror), shift (moved by 1 pixel in each of the 4"
                            + " directions, the border repeated) and shift2 (by 2 pixels);"
                            + " bare --tta is flip; none for the image alone. Default: the views"
                            + " the model was trained with (augment.tta), else none.")
    String tta;

    /** The dataset type of {@code images}: {@code --type}, else inferred from the path. */
    String typeOf(Path images) {
        return type != null ? type : DatasetTypes.infer(images);
    }

    /**
     * Checks the values picocli cannot.
     *
     * @throws UsageException when {@code --tta} names an unknown view or the batch size is not
     *     positive
     */
    void check() {
        askedViews();
        if (batchSize < 1) {
            throw new UsageException("--batch-size must be at least 1, got " + batchSize);
        }
    }

    /**
     * Repairs each model's run folder as needed (see {@link RunRepair}), then loads the models as
     * one ensemble with {@code engine} ({@code null}: each with the engine that trained it), which
     * {@code console} is told about when there are several.
     */
    ModelEnsemble load(Classify root, String engine, PrintStream console) throws IOException {
        for (Path model : models) {
            RunRepair.beforeReading(model, console);
        }
        ModelEnsemble ensemble = root.loadEnsemble(models, engine);
        if (models.size() > 1) {
            console.println(
                    "ensemble of "
                            + models.size()
                            + " models: each image's class probabilities are the mean of theirs");
        }
        return ensemble;
    }

    /**
     * Returns the views to predict with, one per member of {@code ensemble}: those asked for, else
     * each model's own, which {@code console} is told about.
     */
    List<TestTimeAugmentation> views(ModelEnsemble ensemble, PrintStream console) {
        Optional<TestTimeAugmentation> asked = askedViews();
        List<TestTimeAugmentation> views = new ArrayList<>();
        for (int m = 0; m < ensemble.members().size(); m++) {
            SavedModel saved = ensemble.members().get(m);
            if (asked.isPresent()) {
                views.add(asked.get());
                continue;
            }
            TestTimeAugmentation trained = saved.trainedViews();
            if (trained.views() > 1) {
                console.println(
                        "test-time augmentation as the model"
                                + (models.size() > 1 ? " " + models.get(m) : "")
                                + " was trained (augment.tta): "
                                + String.join(", ", saved.description().tta())
                                + "; --tta none predicts from the images alone");
            }
            views.add(trained);
        }
        return views;
    }

    private Optional<TestTimeAugmentation> askedViews() {
        if (tta == null) {
            return Optional.empty();
        }
        if (tta.trim().equalsIgnoreCase("none")) {
            return Optional.of(TestTimeAugmentation.NONE);
        }
        try {
            return Optional.of(TestTimeAugmentation.parse(tta));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--tta: " + e.getMessage());
        }
    }
}
