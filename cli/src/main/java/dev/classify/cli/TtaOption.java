package dev.classify.cli;

import dev.classify.engine.model.SavedModel;
import dev.classify.engine.model.TestTimeAugmentation;
import java.io.PrintStream;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The {@code --tta [VIEWS]} option of {@code predict} and {@code evaluate}: the test-time
 * augmentation views to average, by default those the model was trained with ({@code augment.tta}
 * of its run), so that predicting the hold-out again gives the run's accuracy.
 */
final class TtaOption {
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

    /**
     * Checks the option before anything is loaded.
     *
     * @throws UsageException naming an unknown view
     */
    void check() {
        asked();
    }

    /**
     * Returns the views to predict {@code saved}'s images with: those asked for, else the model's
     * own, which {@code console} is told about.
     */
    TestTimeAugmentation views(SavedModel saved, PrintStream console) {
        Optional<TestTimeAugmentation> asked = asked();
        if (asked.isPresent()) {
            return asked.get();
        }
        TestTimeAugmentation trained = saved.trainedViews();
        if (trained.views() > 1) {
            console.println(
                    "test-time augmentation as the model was trained (augment.tta): "
                            + String.join(", ", saved.description().tta())
                            + "; --tta none predicts from the images alone");
        }
        return trained;
    }

    private Optional<TestTimeAugmentation> asked() {
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
