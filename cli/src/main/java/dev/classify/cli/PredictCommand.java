package dev.classify.cli;

import dev.classify.api.ImageSet;
import dev.classify.engine.Classify;
import dev.classify.engine.model.ModelEnsemble;
import dev.classify.engine.model.SampleSubmission;
import dev.classify.engine.model.SavedModel;
import dev.classify.engine.model.TestTimeAugmentation;
import dev.classify.engine.plugin.PluginCatalog;
import dev.classify.report.CsvFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code classify predict}: writes {@code id,label} for every image with a trained model. */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = "Predicts the class of every image and writes id,label rows in input order.")
final class PredictCommand implements Callable<Integer> {
    @Option(
            names = "--images",
            required = true,
            paramLabel = "PATH",
            description =
                    "The images to classify: e.g. test.npy, a folder of images or one image"
                            + " file.")
    Path images;

    @Option(
            names = "--output",
            required = true,
            paramLabel = "FILE",
            description = "The CSV to write (id,label).")
    Path output;

    @Option(
            names = "--sample",
            paramLabel = "FILE",
            description =
                    "A sample submission: the output takes its header, and its ids must be the"
                            + " images' ids in order.")
    Path sample;

    @Option(
            names = "--probabilities",
            description = "Add one column per class with its probability.")
    boolean probabilities;

    @Option(
            names = "--top-k",
            paramLabel = "K",
            defaultValue = "1",
            description =
                    "Write the K most likely classes, most likely first, separated by spaces"
                            + " (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--force", description = "Replace an existing output file.")
    boolean force;

    @Option(
            names = "--engine",
            paramLabel = "NAME",
            description =
                    "The DJL engine to predict with: MXNet or PyTorch (default: the one that"
                            + " trained the model; either loads it).")
    String engine;

    @Mixin ModelInputOptions input;

    @Mixin PluginsOption plugins;

    @Override
    public Integer call() throws IOException {
        if (topK < 1) {
            throw new UsageException("--top-k must be at least 1, got " + topK);
        }
        input.check();
        checkOutput();
        Path folder = output.toAbsolutePath().getParent();
        CommandInputs.writableFolder(folder);
        Logging.toFile(folder.resolve("predict.log"));
        Classify root = plugins.root();
        PluginCatalog catalog = root.catalog();
        try (ModelEnsemble ensemble = input.load(root, engine, System.out)) {
            SavedModel saved = ensemble.members().get(0);
            System.out.println(saved.runtime());
            List<TestTimeAugmentation> views = input.views(ensemble, System.out);
            ImageSet set =
                    CommandInputs.open(
                            catalog,
                            input.typeOf(images),
                            images,
                            Optional.empty(),
                            saved.description().imageShape());
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < set.size(); i++) {
                ids.add(set.id(i));
            }
            Optional<SampleSubmission> format =
                    Optional.ofNullable(sample).map(SampleSubmission::read);
            format.ifPresent(f -> f.checkIds(sample, ids));
            List<String> names = saved.description().classNames();
            checkTopK(names);
            float[][] probability = ensemble.probabilities(set, images, input.batchSize, views);
            CsvFile.write(output, header(format, names), rows(ids, names, probability));
            System.out.println(
                    "wrote "
                            + set.size()
                            + (set.size() == 1 ? " prediction to " : " predictions to ")
                            + output);
        }
        return 0;
    }

    /** Refuses an output that is a folder, another kind of file, or an existing file. */
    private void checkOutput() throws IOException {
        if (Files.isDirectory(output)) {
            throw new UsageException(
                    output + ": is a folder; give a file name such as submission.csv");
        }
        if (Files.exists(output) && !Files.isRegularFile(output)) {
            throw new UsageException(output + ": is not a regular file; give a file name");
        }
        if (Files.exists(output) && !force) {
            throw new UsageException(output + ": exists; give --force to replace it");
        }
        if (Files.exists(output) && Files.exists(images) && Files.isSameFile(output, images)) {
            throw new UsageException(output + ": is the --images file; give another --output");
        }
    }

    /** Refuses a --top-k above the class count, or above 1 with a class name holding a space. */
    private void checkTopK(List<String> names) {
        if (topK > names.size()) {
            throw new UsageException(
                    "--top-k " + topK + " is more than the model's " + names.size() + " classes");
        }
        if (topK > 1) {
            names.stream()
                    .filter(name -> name.contains(" "))
                    .findFirst()
                    .ifPresent(
                            name -> {
                                throw new UsageException(
                                        "--top-k "
                                                + topK
                                                + ": the class name '"
                                                + name
                                                + "' holds a space, so space-separated"
                                                + " classes could not be told apart; use"
                                                + " --top-k 1 with --probabilities, or train"
                                                + " with names without spaces");
                            });
        }
    }

    /**
     * The id and label columns (the sample's, if given), then the class names with --probabilities.
     */
    private List<String> header(Optional<SampleSubmission> format, List<String> names) {
        List<String> header = new ArrayList<>();
        header.add(format.map(SampleSubmission::idColumn).orElse("id"));
        header.add(format.map(SampleSubmission::labelColumn).orElse("label"));
        if (probabilities) {
            header.addAll(names);
        }
        return header;
    }

    /** One row per image: its id, its top classes and, with --probabilities, each class's. */
    private List<List<String>> rows(List<String> ids, List<String> names, float[][] probability) {
        List<List<String>> rows = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            List<String> row = new ArrayList<>();
            row.add(ids.get(i));
            List<String> top = new ArrayList<>();
            for (int index : SavedModel.topClasses(probability[i], topK)) {
                top.add(names.get(index));
            }
            row.add(String.join(" ", top));
            if (probabilities) {
                for (float value : probability[i]) {
                    row.add(String.format(java.util.Locale.ROOT, "%.6f", value));
                }
            }
            rows.add(row);
        }
        return rows;
    }
}
