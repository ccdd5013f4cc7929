package dev.classify.engine.train.prepare;

import static java.util.Objects.requireNonNull;

import ai.djl.Device;
import dev.classify.api.ConfigurationException;
import dev.classify.api.DataSource;
import dev.classify.api.ImageSet;
import dev.classify.api.InvalidDataException;
import dev.classify.api.ModelProvider;
import dev.classify.api.ModelSpec;
import dev.classify.api.Options;
import dev.classify.api.Problems;
import dev.classify.engine.config.ModelConfig;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.config.SourceConfig;
import dev.classify.engine.config.TrainConfig;
import dev.classify.engine.data.AugmentationPipeline;
import dev.classify.engine.data.ClassSelection;
import dev.classify.engine.data.HoldOutSplit;
import dev.classify.engine.data.LabelRange;
import dev.classify.engine.data.NormalizeStatistics;
import dev.classify.engine.data.ValidationData;
import dev.classify.engine.model.ModelDescription;
import dev.classify.engine.plugin.PluginCatalog;
import dev.classify.engine.plugin.PluginKind;
import dev.classify.engine.plugin.PluginOrigin;
import dev.classify.engine.runtime.DeviceSelector;
import dev.classify.engine.runtime.EngineChoice;
import dev.classify.engine.train.PreparedRun;
import dev.classify.engine.train.finetune.FineTuneCheck;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Turns a configuration into a {@link PreparedRun}: reads the data sets, draws the hold-out, builds
 * every plugin it names and checks that they fit together (shapes, channels, classes, model and
 * listener options), and chooses the device. Last, it runs the network once on two images of its
 * input shape and checks that it returns (N, numClasses) logits ({@link OutputCheck}); that pass
 * holds a little native memory on the CPU, freed before this returns. Nothing is written, so that
 * bad input fails before a run folder fills. Thread safe.
 */
public final class RunPreparation {
    /**
     * The largest image side the network may take. MXNet 1.9's CPU build indexes tensors with 32
     * bits; far larger inputs fail deep inside the engine instead of with a clear message.
     */
    public static final int MAX_SIZE = 1024;

    private final PluginCatalog catalog;

    /** Creates a preparation choosing plugins from {@code catalog}. */
    @Inject
    public RunPreparation(PluginCatalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    /**
     * Reads the data sets and builds every plugin of {@code config}, checking that they fit
     * together, and chooses the device.
     *
     * @throws ConfigurationException listing what is wrong with the configuration
     * @throws InvalidDataException when a data file is missing or bad
     */
    public PreparedRun prepare(PipelineConfig config) {
        return prepare(config, true);
    }

    /**
     * As {@link #prepare}, for a run that continues from its checkpoint: {@code model.pretrained}
     * is not read (the checkpoint holds the parameters, and the file or folder it names may be
     * gone), while {@code train.freeze} is checked as for a new run.
     */
    public PreparedRun prepareResume(PipelineConfig config) {
        return prepare(config, false);
    }

    private PreparedRun prepare(PipelineConfig config, boolean readsPretrained) {
        SourceConfig trainSource = config.data().train();
        ImageSet labelled = open("data.train", trainSource);
        if (!labelled.hasLabels()) {
            throw new ConfigurationException(
                    "data.train.labels",
                    "the training images need labels: give a labels file, or for type folder"
                            + " one folder of images per class");
        }
        LabelRange.check(labelled, trainSource.labelsPath(), config.model().numClasses());
        if (trainSource.classes() != null) {
            labelled = ClassSelection.select(labelled, trainSource.classes());
        }
        Optional<ImageSet> test =
                Optional.ofNullable(config.data().test()).map(source -> open("data.test", source));
        ValidationData validation =
                ValidationData.of(
                        labelled,
                        config.data().validation(),
                        source -> open("data.validation", source));
        ImageSet train = validation.images();
        HoldOutSplit split =
                trainSource.perClass() == null
                        ? validation.split()
                        : ClassSelection.perClass(
                                train,
                                validation.split(),
                                trainSource.perClass(),
                                config.data().validation().seed());
        checkHoldOutReaders(config.train(), split);
        // normalize's mean: auto and std: auto become the training split's numbers here, so that
        // config.yaml and the saved model carry them.
        PipelineConfig resolved = NormalizeStatistics.resolve(config, train, split.train());
        AugmentationPipeline trainAugment =
                AugmentationPipeline.create(catalog, "augment.train", resolved.augment().train());
        AugmentationPipeline evalAugment =
                AugmentationPipeline.createEval(catalog, resolved.augment().eval());
        int[] imageShape = {train.channels(), train.height(), train.width()};
        test.ifPresent(images -> checkTestShape(resolved, images, imageShape));
        // Shape, channel, class, model and listener problems are collected and reported together.
        Problems problems = new Problems();
        InputShape input = new InputShape(trainAugment, evalAugment, imageShape);
        int[] inputShape = input.check(resolved.model(), problems);
        int numClasses = numClasses(resolved.model(), train, trainSource, problems);
        ModelSpec spec =
                inputShape == null ? null : model(resolved, inputShape, numClasses, problems);
        catalog.checkListeners(resolved.listeners(), problems);
        problems.throwIfAny();
        // Loads the native engine (not yet allocating): a GPU that cannot be had fails here, before
        // anything is written.
        List<Device> devices =
                DeviceSelector.select(
                        resolved.train().device(), EngineChoice.load(config.engine()));
        DeviceSelector.checkDataParallel(devices, resolved.engine(), resolved.train());
        trainAugment.tryOn(train, split.train(), resolved.engine());
        evalAugment.tryOn(train, split.train(), resolved.engine());
        checkModel(resolved, spec);
        PreparedRun prepared =
                new PreparedRun(
                        resolved,
                        train,
                        test,
                        split,
                        trainAugment,
                        evalAugment,
                        spec,
                        imageShape,
                        classNames(train, spec.numClasses()),
                        devices);
        FineTuneCheck.check(prepared, catalog, readsPretrained);
        return prepared;
    }

    /** Refuses early stopping and a plateau schedule when no image is held out. */
    private static void checkHoldOutReaders(TrainConfig train, HoldOutSplit split) {
        if (split.validation().length > 0) {
            return;
        }
        if (train.earlyStopping() != null) {
            throw new ConfigurationException(
                    "train.earlyStopping",
                    "reads validation metrics, but data.validation holds out no image");
        }
        if (train.scheduler().type().equals("plateau")) {
            throw new ConfigurationException(
                    "train.scheduler.type",
                    "plateau reads validation metrics, but data.validation holds out no image");
        }
    }

    private static void checkTestShape(PipelineConfig config, ImageSet test, int[] imageShape) {
        int[] testShape = {test.channels(), test.height(), test.width()};
        if (!Arrays.equals(testShape, imageShape)) {
            throw new InvalidDataException(
                    Path.of(config.data().test().images()),
                    "test images are "
                            + shape(testShape)
                            + " but training images are "
                            + shape(imageShape)
                            + "; give test images of the training shape");
        }
    }

    /**
     * The number of classes: {@code model.numClasses}, else the labels' classes.
     *
     * @throws InvalidDataException when the labels hold one class, or leave classes out of a
     *     numbered range
     */
    private static int numClasses(
            ModelConfig model, ImageSet train, SourceConfig source, Problems problems) {
        long distinctLabels = IntStream.range(0, train.size()).map(train::label).distinct().count();
        if (distinctLabels < 2) {
            throw new InvalidDataException(
                    source.labelsPath(),
                    "every image has label "
                            + train.label(0)
                            + "; a classifier needs at least two classes");
        }
        List<String> classNames = train.classNames();
        if (model.numClasses() == null && distinctLabels < classNames.size()) {
            throw emptyClass(train, source, distinctLabels);
        }
        int numClasses = model.numClasses() == null ? classNames.size() : model.numClasses();
        if (numClasses < classNames.size()) {
            problems.add(
                    "model.numClasses",
                    "is " + numClasses + " but the labels have " + classNames.size() + " classes");
        }
        return numClasses;
    }

    /**
     * The class names, indexed by class: the labels' names, then numbers up to {@code numClasses}.
     * Built once the model is known to fit: {@code model.numClasses: 2000000000} is refused by its
     * size, not by running out of memory for its names.
     */
    private static List<String> classNames(ImageSet train, int numClasses) {
        List<String> names = new ArrayList<>(train.classNames());
        for (int i = names.size(); i < numClasses; i++) {
            names.add(String.valueOf(i));
        }
        return names;
    }

    /**
     * Integer labels with gaps, e.g. one typo 99 among 0..9, would silently make a network of 100
     * classes, most never seen.
     */
    private static InvalidDataException emptyClass(
            ImageSet train, SourceConfig source, long distinctLabels) {
        List<String> classNames = train.classNames();
        boolean[] seen = new boolean[classNames.size()];
        for (int i = 0; i < train.size(); i++) {
            seen[train.label(i)] = true;
        }
        int empty = 0;
        while (seen[empty]) {
            empty++;
        }
        return new InvalidDataException(
                source.labelsPath(),
                "the labels run from 0 to "
                        + (classNames.size() - 1)
                        + " but only "
                        + distinctLabels
                        + " of those "
                        + classNames.size()
                        + " classes have an image (class "
                        + classNames.get(empty)
                        + " has none); fix the labels, or set model.numClasses: "
                        + classNames.size()
                        + " to train the empty classes anyway");
    }

    /** The model specification; building the block checks its options (no native memory). */
    private ModelSpec model(
            PipelineConfig config, int[] inputShape, int numClasses, Problems problems) {
        ModelConfig model = config.model();
        ModelSpec spec =
                ModelDescription.specOf(inputShape, Math.max(2, numClasses), model.options());
        try {
            catalog.model("model.type", model.type()).create(spec);
        } catch (ConfigurationException e) {
            problems.addAll(e);
        }
        return spec;
    }

    /**
     * Checks the size of the network's parameters ({@link ParameterSize}), then runs it once on a
     * tiny batch ({@link OutputCheck}); each on a block of its own, as the run builds its block
     * again.
     */
    private void checkModel(PipelineConfig config, ModelSpec spec) {
        String type = config.model().type();
        String plugin =
                catalog.origin(PluginKind.MODEL, type)
                        .map(PluginOrigin::describe)
                        .orElse("model '" + type + "'");
        ModelProvider provider = catalog.model("model.type", type);
        ParameterSize.check(
                provider.create(spec),
                spec,
                config.model(),
                config.train().optimizer(),
                config.engine());
        OutputCheck.check(provider.create(spec), spec, plugin, config.engine());
    }

    private ImageSet open(String path, SourceConfig source) {
        DataSource dataSource =
                new DataSource(
                        Path.of(source.images()),
                        Optional.ofNullable(source.labels()).map(Path::of),
                        new Options(path, source.options()));
        return catalog.dataset(path + ".type", source.type()).open(dataSource);
    }

    /** A (C, H, W) shape as {@code CxHxW}. */
    public static String shape(int[] chw) {
        return chw[0] + "x" + chw[1] + "x" + chw[2];
    }
}
