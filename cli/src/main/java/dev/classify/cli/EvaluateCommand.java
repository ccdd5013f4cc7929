package dev.classify.cli;

import dev.classify.api.ImageSet;
import dev.classify.engine.Classify;
import dev.classify.engine.data.HoldOutFile;
import dev.classify.engine.data.ImageSubset;
import dev.classify.engine.data.TrueClasses;
import dev.classify.engine.model.ModelEnsemble;
import dev.classify.engine.model.SavedModel;
import dev.classify.engine.plugin.PluginCatalog;
import dev.classify.report.Evaluation;
import dev.classify.report.EvaluationReport;
import dev.classify.report.RunFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code classify evaluate}: predicts labelled images with a trained model, prints accuracy and
 * per-class scores, and writes the confusion matrix, its heat map, a grid of misclassified images
 * and the scores into a folder.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Measures a trained model on labelled images.",
            "Prints top-1 accuracy and per-class precision, recall and F1, and writes"
                    + " confusion.csv, confusion.png, errors.png and metrics.json."
        })
final class EvaluateCommand implements Callable<Integer> {
    @Option(
            names = "--images",
            required = true,
            paramLabel = "PATH",
            description = "The images to evaluate on, e.g. test.npy.")
    Path images;

    @Option(
            names = "--labels",
            paramLabel = "PATH",
            description =
                    "Their labels, e.g. test-labels.csv (id,label); not for a folder of class"
                            + " folders, whose folders are the labels.")
    Path labels;

    @Option(
            names = "--output",
            required = true,
            paramLabel = "DIR",
            description =
                    "The folder to write into (created if absent; only its own files are"
                            + " replaced).")
    Path output;

    @Option(
            names = "--ids",
            paramLabel = "FILE",
            description =
                    "Evaluate only the images whose ids this CSV lists (header id, one id a"
                            + " row), e.g. a run's holdout.csv with --images and --labels of its"
                            + " data.train: the images it held out.")
    Path ids;

    @Mixin ModelInputOptions input;

    @Mixin PluginsOption plugins;

    @Override
    public Integer call() throws IOException {
        input.check();
        if (labels != null && !Files.isRegularFile(labels)) {
            throw new UsageException(labels + ": labels file not found; check --labels");
        }
        if (ids != null && !Files.isRegularFile(ids)) {
            throw new UsageException(ids + ": ids file not found; check --ids");
        }
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new UsageException(output + ": is a file; give a folder for --output");
        }
        CommandInputs.writableFolder(output);
        Logging.toFile(output.resolve(RunFiles.EVALUATE_LOG));
        Classify root = plugins.root();
        PluginCatalog catalog = root.catalog();
        try (ModelEnsemble ensemble = input.load(root, null, System.out)) {
            SavedModel saved = ensemble.members().get(0);
            ImageSet opened =
                    CommandInputs.open(
                            catalog,
                            input.typeOf(images),
                            images,
                            Optional.ofNullable(labels),
                            saved.description().imageShape());
            ImageSet set = ids == null ? opened : only(opened);
            if (!set.hasLabels()) {
                throw new UsageException(
                        images
                                + ": the images have no labels; give --labels, or a folder with"
                                + " one folder of images per class");
            }
            List<String> classNames = saved.description().classNames();
            int[] truth = TrueClasses.of(set, labels != null ? labels : images, classNames);
            int[] predicted =
                    ensemble.predict(
                            set, images, input.batchSize, input.views(ensemble, System.out));
            Evaluation evaluation =
                    EvaluationReport.write(output, set, truth, predicted, classNames);
            System.out.print(evaluation.table());
        }
        System.out.println("wrote " + String.join(", ", EvaluationReport.FILES) + " to " + output);
        return 0;
    }

    /** The images of {@code opened} that {@code --ids} lists, in their order. */
    private ImageSet only(ImageSet opened) {
        int[] listed = HoldOutFile.listed(ids, opened, "--ids");
        if (listed.length == 0) {
            throw new UsageException(ids + ": lists no image; give a file with one id a row");
        }
        return new ImageSubset(opened, listed);
    }
}
