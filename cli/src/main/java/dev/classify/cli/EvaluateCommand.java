package dev.classify.cli;

import dev.classify.api.ImageSet;
import dev.classify.engine.Classify;
import dev.classify.engine.data.TrueClasses;
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

    @Mixin ModelInputOptions input;

    @Mixin PluginsOption plugins;

    @Override
    public Integer call() throws IOException {
        input.check();
        if (labels != null && !Files.isRegularFile(labels)) {
            throw new UsageException(labels + ": labels file not found; check --labels");
        }
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new UsageException(output + ": is a file; give a folder for --output");
        }
        CommandInputs.writableFolder(output);
        Logging.toFile(output.resolve(RunFiles.EVALUATE_LOG));
        Classify root = plugins.root();
        PluginCatalog catalog = root.catalog();
        RunRepair.beforeReading(input.model, System.out);
        try (SavedModel saved = root.loadModel(input.model, null)) {
            ImageSet set =
                    CommandInputs.open(
                            catalog,
                            input.typeOf(images),
                            images,
                            Optional.ofNullable(labels),
                            saved.description().imageShape());
            if (!set.hasLabels()) {
                throw new UsageException(
                        images
                                + ": the images have no labels; give --labels, or a folder with"
                                + " one folder of images per class");
            }
            List<String> classNames = saved.description().classNames();
            int[] truth = TrueClasses.of(set, labels != null ? labels : images, classNames);
            int[] predicted =
                    saved.predict(set, images, input.batchSize, input.views(saved, System.out));
            Evaluation evaluation =
                    EvaluationReport.write(output, set, truth, predicted, classNames);
            System.out.print(evaluation.table());
        }
        System.out.println("wrote " + String.join(", ", EvaluationReport.FILES) + " to " + output);
        return 0;
    }
}
