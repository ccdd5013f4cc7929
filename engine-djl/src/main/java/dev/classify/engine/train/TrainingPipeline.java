package dev.classify.engine.train;

import static java.util.Objects.requireNonNull;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import dev.classify.api.ConfigurationException;
import dev.classify.api.DataSource;
import dev.classify.api.EpochMetrics;
import dev.classify.api.ImageSet;
import dev.classify.api.InvalidDataException;
import dev.classify.api.ModelSpec;
import dev.classify.api.Options;
import dev.classify.api.Problems;
import dev.classify.engine.config.ConfigurationLoader;
import dev.classify.engine.config.ConfigurationWriter;
import dev.classify.engine.config.ModelConfig;
import dev.classify.engine.config.OptimizerConfig;
import dev.classify.engine.config.OutputConfig;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.config.SourceConfig;
import dev.classify.engine.config.TrainConfig;
import dev.classify.engine.data.AugmentationPipeline;
import dev.classify.engine.data.HoldOutFile;
import dev.classify.engine.data.HoldOutSplit;
import dev.classify.engine.data.ImageSubset;
import dev.classify.engine.data.NormalizeStatistics;
import dev.classify.engine.data.TrueClasses;
import dev.classify.engine.data.ValidationData;
import dev.classify.engine.model.ModelDescription;
import dev.classify.engine.model.PredictionFile;
import dev.classify.engine.model.SavedModel;
import dev.classify.engine.plugin.PluginCatalog;
import dev.classify.engine.runtime.DeviceSelector;
import dev.classify.engine.runtime.EngineChoice;
import dev.classify.engine.runtime.RuntimeReport;
import dev.classify.engine.train.schedule.ConfiguredOptimizer;
import dev.classify.engine.train.schedule.EpochLearningRate;
import dev.classify.engine.train.schedule.LearningRateSchedule;
import dev.classify.report.CurvesChart;
import dev.classify.report.Evaluation;
import dev.classify.report.EvaluationReport;
import dev.classify.report.MetricsFile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a model as a {@link PipelineConfig} describes and writes the run folder: {@code
 * config.yaml}, {@code metrics.csv}, {@code curves.png}, {@code model/} (the best epoch by
 * validation accuracy), {@code checkpoints/last} and {@code checkpoints/best} (see {@link
 * Checkpoint}; {@link #resume} continues from the former), {@code evaluation/} (that model on the
 * hold-out, when there is one; see {@link EvaluationReport}) and, when a test set is configured,
 * {@code submission.csv}.
 *
 * <p>Use {@link #prepare} first: it reads the data and checks the whole configuration without
 * touching the native engine, so that bad input fails before anything is written.
 */
public final class TrainingPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingPipeline.class);

    /** The DJL engine used when the configuration names none. */
    public static final String ENGINE = PipelineConfig.DEFAULT_ENGINE;

    /**
     * The largest image side the network may take. MXNet 1.9's CPU build indexes tensors with 32
     * bits; far larger inputs fail deep inside the engine instead of with a clear message.
     */
    public static final int MAX_SIZE = 1024;

    private final PluginCatalog catalog;

    /** Creates a pipeline choosing plugins from {@code catalog}. */
    @Inject
    public TrainingPipeline(PluginCatalog catalog) {
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
        SourceConfig trainSource = config.data().train();
        ImageSet train = open("data.train", trainSource);
        if (!train.hasLabels()) {
            throw new ConfigurationException(
                    "data.train.labels",
                    "the training images need labels: give a labels file, or for type folder"
                            + " one folder of images per class");
        }
        Optional<ImageSet> test =
                Optional.ofNullable(config.data().test()).map(source -> open("data.test", source));
        ValidationData validation =
                ValidationData.of(
                        train,
                        config.data().validation(),
                        source -> open("data.validation", source));
        train = validation.images();
        HoldOutSplit split = validation.split();
        int holdOut = split.validation().length;
        if (holdOut == 0 && config.train().earlyStopping() != null) {
            throw new ConfigurationException(
                    "train.earlyStopping",
                    "reads validation metrics, but data.validation holds out no image");
        }
        if (holdOut == 0 && config.train().scheduler().type().equals("plateau")) {
            throw new ConfigurationException(
                    "train.scheduler.type",
                    "plateau reads validation metrics, but data.validation holds out no image");
        }
        // normalize's mean: auto and std: auto become the training split's numbers here, so that
        // config.yaml and the saved model carry them.
        config = NormalizeStatistics.resolve(config, train, split.train());
        AugmentationPipeline trainAugment =
                AugmentationPipeline.create(catalog, "augment.train", config.augment().train());
        AugmentationPipeline evalAugment =
                AugmentationPipeline.createEval(catalog, config.augment().eval());
        int[] imageShape = {train.channels(), train.height(), train.width()};
        if (test.isPresent()) {
            ImageSet images = test.get();
            int[] testShape = {images.channels(), images.height(), images.width()};
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
        // Shape, channel, class and model option problems are collected and reported together.
        Problems problems = new Problems();
        int[] trainShape = outputShape(trainAugment, imageShape, problems);
        int[] inputShape = outputShape(evalAugment, imageShape, problems);
        if (trainShape != null && inputShape != null && !Arrays.equals(trainShape, inputShape)) {
            problems.add(
                    "augment",
                    "augment.train makes "
                            + shape(trainShape)
                            + " images but augment.eval makes "
                            + shape(inputShape)
                            + "; both must give the network the same shape");
        }
        if (inputShape != null && (inputShape[1] > MAX_SIZE || inputShape[2] > MAX_SIZE)) {
            problems.add(
                    "augment.eval",
                    "makes "
                            + shape(inputShape)
                            + " images, larger than "
                            + MAX_SIZE
                            + "x"
                            + MAX_SIZE
                            + "; resize to a smaller size");
        }
        ModelConfig modelConfig = config.model();
        if (inputShape != null
                && modelConfig.inputChannels() != null
                && modelConfig.inputChannels() != inputShape[0]) {
            problems.add(
                    "model.inputChannels",
                    "is "
                            + modelConfig.inputChannels()
                            + " but the augmented images have "
                            + channels(inputShape[0])
                            + (modelConfig.inputChannels() > inputShape[0]
                                    ? "; add {type: to-rgb} to both augment lists"
                                    : "; remove to-rgb from the augment lists")
                            + " or set inputChannels to "
                            + inputShape[0]);
        }
        long distinctLabels =
                java.util.stream.IntStream.range(0, train.size())
                        .map(train::label)
                        .distinct()
                        .count();
        if (distinctLabels < 2) {
            throw new InvalidDataException(
                    labelsPath(trainSource),
                    "every image has label "
                            + train.label(0)
                            + "; a classifier needs at least two classes");
        }
        List<String> classNames = train.classNames();
        if (modelConfig.numClasses() == null && distinctLabels < classNames.size()) {
            // Integer labels with gaps, e.g. one typo 99 among 0..9, would silently make a
            // network of 100 classes, most never seen.
            boolean[] seen = new boolean[classNames.size()];
            for (int i = 0; i < train.size(); i++) {
                seen[train.label(i)] = true;
            }
            int empty = 0;
            while (seen[empty]) {
                empty++;
            }
            throw new InvalidDataException(
                    labelsPath(trainSource),
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
        int numClasses =
                modelConfig.numClasses() == null ? classNames.size() : modelConfig.numClasses();
        if (numClasses < classNames.size()) {
            problems.add(
                    "model.numClasses",
                    "is " + numClasses + " but the labels have " + classNames.size() + " classes");
        }
        List<String> names = new ArrayList<>(classNames);
        for (int i = names.size(); i < numClasses; i++) {
            names.add(String.valueOf(i));
        }
        ModelSpec spec = null;
        if (inputShape != null) {
            spec =
                    ModelDescription.specOf(
                            inputShape, Math.max(2, numClasses), modelConfig.options());
            try {
                // Building the block validates the model options; it allocates no native memory.
                catalog.model("model.type", modelConfig.type()).create(spec);
            } catch (ConfigurationException e) {
                problems.addAll(e);
            }
        }
        problems.throwIfAny();
        // Loads the native engine (not yet allocating): a GPU that cannot be had fails here, before
        // anything is written.
        List<Device> devices =
                DeviceSelector.select(config.train().device(), EngineChoice.load(config.engine()));
        DeviceSelector.checkDataParallel(devices, config.engine(), config.train());
        return new PreparedRun(
                config,
                train,
                test,
                split,
                trainAugment,
                evalAugment,
                spec,
                imageShape,
                names,
                devices);
    }

    /**
     * Trains, writing into {@code runDirectory} (which must exist).
     *
     * @throws IOException when the run folder cannot be written
     * @throws RunInterruptedException when {@code listener} asked to stop
     */
    public RunResult run(PreparedRun prepared, Path runDirectory, RunListener listener)
            throws IOException {
        return train(prepared, runDirectory, listener, Optional.empty(), false);
    }

    /**
     * Continues the run in {@code runDirectory} from its {@code checkpoints/last}: parameters,
     * optimizer state and metrics history, up to {@code train.epochs} of {@code prepared}'s
     * configuration, writing into the same folder. {@code prepared} should come from the run's
     * {@code config.yaml}, possibly with overrides such as a larger {@code train.epochs}.
     *
     * @throws ConfigurationException when the run already reached {@code train.epochs} or stopped
     *     early
     * @throws InvalidDataException when the run folder holds no checkpoint
     * @throws IOException when the run folder cannot be written
     * @throws RunInterruptedException when {@code listener} asked to stop
     */
    public RunResult resume(PreparedRun prepared, Path runDirectory, RunListener listener)
            throws IOException {
        Checkpoint last = Checkpoint.read(Checkpoint.folder(runDirectory, Checkpoint.LAST));
        int epochs = prepared.config().train().epochs();
        if (last.epoch() >= epochs) {
            throw new ConfigurationException(
                    "train.epochs",
                    "is "
                            + epochs
                            + " but the run already finished epoch "
                            + last.epoch()
                            + "; give --set train.epochs=N to extend");
        }
        checkSameNetwork(prepared, runDirectory);
        Optional<String> switched = switchedOptimizer(prepared, runDirectory);
        switched.ifPresent(listener::message);
        return train(prepared, runDirectory, listener, Optional.of(last), switched.isEmpty());
    }

    /**
     * Says so when the resumed run's optimizer differs from the one its {@code config.yaml} trained
     * with (another type, or Nesterov momentum switched): the checkpoint's optimizer state
     * (momentum buffers, Adam moments) belongs to the old one and is left out, so the new one
     * starts from zero. Empty when they are the same or the run folder holds no readable {@code
     * config.yaml}.
     */
    static Optional<String> switchedOptimizer(PreparedRun prepared, Path runDirectory) {
        Path file = runDirectory.resolve("config.yaml");
        OptimizerConfig trained;
        try {
            trained = new ConfigurationLoader().load(file, List.of()).train().optimizer();
        } catch (RuntimeException e) {
            LOG.debug("cannot read the trained optimizer from {}", file, e);
            return Optional.empty();
        }
        OptimizerConfig wanted = prepared.config().train().optimizer();
        String before = optimizerName(trained);
        String after = optimizerName(wanted);
        if (before.equals(after)) {
            return Optional.empty();
        }
        return Optional.of(
                "train.optimizer is now "
                        + after
                        + " but the run trained with "
                        + before
                        + ": the checkpoint's optimizer state is left out and "
                        + after
                        + " starts from zero");
    }

    private static String optimizerName(OptimizerConfig optimizer) {
        return Boolean.TRUE.equals(optimizer.nesterov())
                ? optimizer.type() + " (Nesterov)"
                : optimizer.type();
    }

    /**
     * Refuses to resume with another network than the run trained: its checkpoint's parameters
     * would not fit (DJL would silently load them with their old shapes), and config.yaml would
     * then describe a model the run does not hold. Checked before anything is written.
     */
    private static void checkSameNetwork(PreparedRun prepared, Path runDirectory) {
        Path file = runDirectory.resolve("model").resolve(ModelDescription.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return;
        }
        ModelDescription trained = ModelDescription.read(file);
        ModelDescription wanted = describe(prepared);
        List<String> differences = new ArrayList<>();
        if (!trained.modelType().equals(wanted.modelType())
                || !String.valueOf(new TreeMap<>(trained.modelOptions()))
                        .equals(String.valueOf(new TreeMap<>(wanted.modelOptions())))) {
            differences.add(
                    "model "
                            + trained.modelType()
                            + " "
                            + new TreeMap<>(trained.modelOptions())
                            + " became "
                            + wanted.modelType()
                            + " "
                            + new TreeMap<>(wanted.modelOptions()));
        }
        if (!Arrays.equals(trained.inputShape(), wanted.inputShape())) {
            differences.add(
                    "input "
                            + shape(trained.inputShape())
                            + " became "
                            + shape(wanted.inputShape()));
        }
        if (!trained.classNames().equals(wanted.classNames())) {
            differences.add(
                    trained.classNames().size()
                            + " classes became "
                            + wanted.classNames().size()
                            + (trained.classNames().size() == wanted.classNames().size()
                                    ? " other ones"
                                    : ""));
        }
        if (!differences.isEmpty()) {
            throw new ConfigurationException(
                    "model",
                    "differs from the network this run trained ("
                            + String.join("; ", differences)
                            + "); resume without changing the model, the input size or the"
                            + " classes, or train a new run");
        }
    }

    private RunResult train(
            PreparedRun prepared,
            Path runDirectory,
            RunListener listener,
            Optional<Checkpoint> start,
            boolean restoreOptimizer)
            throws IOException {
        PipelineConfig config = prepared.config();
        TrainConfig trainConfig = config.train();
        // Without output.dir: the file re-runs the training into a new folder, not into this one.
        PipelineConfig rerun =
                new PipelineConfig(
                        config.data(),
                        config.model(),
                        config.augment(),
                        config.train(),
                        new OutputConfig(null),
                        config.engine());
        Files.writeString(
                runDirectory.resolve("config.yaml"), new ConfigurationWriter().write(rerun));
        if (config.data().validation().source() == null) {
            HoldOutFile.write(
                    runDirectory.resolve(HoldOutFile.FILE_NAME),
                    prepared.train(),
                    prepared.split());
        }
        Engine engine = EngineChoice.load(prepared.engine());
        Device device = prepared.device();
        listener.message(RuntimeReport.describe(engine, prepared.devices()));
        engine.setRandomSeed(Math.toIntExact(Math.floorMod(trainConfig.seed(), Integer.MAX_VALUE)));
        ModelSpec spec = prepared.spec();
        Block block = catalog.model("model.type", config.model().type()).create(spec);
        listener.started(
                String.format(
                        "%s %s on %d images (%d held out for validation), input %dx%dx%d,"
                                + " %d classes, %s %s",
                        start.map(c -> "resuming after epoch " + c.epoch() + ":")
                                .orElse("training"),
                        config.model().type(),
                        prepared.split().train().length,
                        prepared.split().validation().length,
                        spec.inputChannels(),
                        spec.inputHeight(),
                        spec.inputWidth(),
                        spec.numClasses(),
                        engine.getEngineName(),
                        prepared.devices().size() == 1 ? device : prepared.devices()));
        LOG.info("{}", RuntimeReport.describe(engine, prepared.devices()));

        EpochLearningRate learningRate =
                new EpochLearningRate(trainConfig.optimizer().learningRate());
        LearningRateSchedule schedule =
                LearningRateSchedule.create(
                        trainConfig.scheduler(),
                        trainConfig.optimizer().learningRate(),
                        trainConfig.epochs());
        Optional<EarlyStopping> earlyStopping =
                Optional.ofNullable(trainConfig.earlyStopping()).map(EarlyStopping::new);
        List<EpochMetrics> history =
                new ArrayList<>(start.map(Checkpoint::history).orElse(List.of()));
        // Schedules and early stopping are deterministic functions of the metrics history, so
        // replaying it rebuilds their state exactly; the checkpoint need not serialize them.
        Optional<String> stopped = Optional.empty();
        for (EpochMetrics metrics : history) {
            schedule.endEpoch(metrics);
            stopped = earlyStopping.flatMap(rule -> rule.endEpoch(metrics));
        }
        if (stopped.isPresent()) {
            throw new ConfigurationException(
                    "train.earlyStopping",
                    "the run stopped early after epoch "
                            + history.size()
                            + "; raise train.earlyStopping.patience or remove it to go on");
        }
        DefaultTrainingConfig trainingConfig =
                trainingConfig(
                        trainConfig,
                        learningRate,
                        prepared.devices(),
                        prepared.engine(),
                        prepared.trainAugment().mixesLabels());
        Optimizer optimizer = trainingConfig.getOptimizer();
        MetricsFile metricsFile = new MetricsFile(runDirectory.resolve("metrics.csv"), history);
        int bestEpoch = start.map(Checkpoint::bestEpoch).orElse(0);
        double bestAccuracy = start.map(Checkpoint::bestAccuracy).orElse(Double.NEGATIVE_INFINITY);
        Path lastFolder = Checkpoint.folder(runDirectory, Checkpoint.LAST);
        // The kept epoch's hold-out predictions, when it ran in this process: evaluation/ is
        // written from them instead of predicting the hold-out once more with the saved model.
        Optional<int[]> keptPredictions = Optional.empty();
        try (Model model = Model.newInstance("classify", device, prepared.engine())) {
            model.setBlock(block);
            if (start.isPresent()) {
                // Loaded parameters count as initialized: Trainer.initialize keeps them.
                Checkpoint.loadParameters(lastFolder, model);
            }
            try (Trainer trainer = model.newTrainer(trainingConfig)) {
                trainer.initialize(
                        new Shape(1, spec.inputChannels(), spec.inputHeight(), spec.inputWidth()));
                if (start.isPresent() && restoreOptimizer) {
                    Checkpoint.restoreOptimizer(
                            lastFolder, model, optimizer, trainer.getManager(), prepared.devices());
                }
                EpochRunner runner = new EpochRunner(trainer, optimizer, prepared, listener);
                int first = history.size() + 1;
                for (int epoch = first; epoch <= trainConfig.epochs(); epoch++) {
                    double rate = schedule.learningRate();
                    learningRate.set(rate);
                    Optional<EpochMetrics> finished = runner.run(epoch, rate, trainConfig.epochs());
                    if (finished.isEmpty()) {
                        throw new RunInterruptedException(epoch, bestEpoch);
                    }
                    EpochMetrics metrics = finished.get();
                    schedule.endEpoch(metrics);
                    history.add(metrics);
                    boolean best =
                            !metrics.hasValidation() || metrics.validationAccuracy() > bestAccuracy;
                    if (best) {
                        bestAccuracy = metrics.validationAccuracy();
                        bestEpoch = epoch;
                        keptPredictions = Optional.of(runner.validationPredictions());
                        SavedModel.save(
                                runDirectory.resolve("model"),
                                model,
                                describe(prepared).withProvenance(catalog));
                    }
                    Checkpoint checkpoint = new Checkpoint(epoch, history, bestEpoch, bestAccuracy);
                    checkpoint.write(lastFolder, model, optimizer);
                    if (best) {
                        checkpoint.write(
                                Checkpoint.folder(runDirectory, Checkpoint.BEST), model, optimizer);
                    }
                    metricsFile.append(metrics);
                    CurvesChart.write(runDirectory.resolve("curves.png"), history);
                    listener.epochFinished(
                            metrics, trainConfig.epochs(), best && metrics.hasValidation());
                    Optional<String> stop = earlyStopping.flatMap(rule -> rule.endEpoch(metrics));
                    if (stop.isPresent()) {
                        listener.message(stop.get());
                        break;
                    }
                }
            }
        }
        Optional<Path> submission = Optional.empty();
        if (prepared.test().isPresent()) {
            Path file = runDirectory.resolve("submission.csv");
            predictTest(prepared, runDirectory, file);
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
            Path folder = runDirectory.resolve("evaluation");
            Evaluation evaluation =
                    evaluateHoldOut(prepared, runDirectory, folder, keptPredictions);
            listener.message(
                    String.format(
                            Locale.ROOT,
                            "wrote %s (hold-out accuracy %.4f, model of epoch %d)",
                            folder,
                            evaluation.accuracy(),
                            bestEpoch));
        }
        return new RunResult(runDirectory, List.copyOf(history), bestEpoch, submission);
    }

    /**
     * Evaluates the kept model on the hold-out into {@code folder}, as classify evaluate does: from
     * {@code predicted} (the kept epoch's validation, in the split's order) when given, else by
     * loading the saved model and predicting the hold-out (the kept epoch ran before a resume).
     */
    Evaluation evaluateHoldOut(
            PreparedRun prepared, Path runDirectory, Path folder, Optional<int[]> predicted)
            throws IOException {
        ImageSet holdOut = new ImageSubset(prepared.train(), prepared.split().validation());
        int[] classes =
                predicted.isPresent()
                        ? predicted.get()
                        : predictSaved(
                                prepared,
                                runDirectory,
                                holdOut,
                                Path.of(prepared.config().data().train().images()));
        // The saved model's class names are the run's (describe).
        List<String> classNames = prepared.classNames();
        int[] truth =
                TrueClasses.of(holdOut, labelsPath(prepared.config().data().train()), classNames);
        return EvaluationReport.write(folder, holdOut, truth, classes, classNames);
    }

    /** Predicts {@code images} (read from {@code source}) with the run's saved model. */
    private int[] predictSaved(
            PreparedRun prepared, Path runDirectory, ImageSet images, Path source) {
        try (SavedModel saved =
                SavedModel.load(runDirectory.resolve("model"), catalog, prepared.engine())) {
            return saved.predict(
                    images, source, Math.max(prepared.config().train().batchSize(), 256));
        }
    }

    /**
     * The optimizer, the training loss and the devices, as DJL takes them; {@code soft} when the
     * training batches come with soft targets (mixup, cutmix).
     */
    public static DefaultTrainingConfig trainingConfig(
            TrainConfig config,
            EpochLearningRate learningRate,
            List<Device> devices,
            String engineName,
            boolean soft) {
        Optimizer optimizer =
                ConfiguredOptimizer.create(config.optimizer(), learningRate, engineName);
        // train_loss reports this loss; val_loss is always plain cross-entropy (EpochRunner).
        // Mixed batches (mixup, cutmix) come with soft targets, which only our loss takes.
        Loss loss =
                config.labelSmoothing() > 0 || soft
                        ? new LabelSmoothingLoss(config.labelSmoothing())
                        : Loss.softmaxCrossEntropyLoss();
        return new DefaultTrainingConfig(loss)
                .optOptimizer(optimizer)
                .optDevices(devices.toArray(Device[]::new));
    }

    private void predictTest(PreparedRun prepared, Path runDirectory, Path file)
            throws IOException {
        ImageSet test = prepared.test().orElseThrow();
        int[] classes =
                predictSaved(
                        prepared,
                        runDirectory,
                        test,
                        Path.of(prepared.config().data().test().images()));
        PredictionFile.write(file, ids(test), labels(classes, prepared.classNames()));
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

    public static ModelDescription describe(PreparedRun prepared) {
        ModelSpec spec = prepared.spec();
        return new ModelDescription(
                ModelDescription.FORMAT,
                prepared.engine(),
                prepared.config().model().type(),
                prepared.config().model().options(),
                prepared.imageShape(),
                new int[] {spec.inputChannels(), spec.inputHeight(), spec.inputWidth()},
                prepared.classNames(),
                ConfigurationWriter.steps(prepared.config().augment().eval()));
    }

    /** The file holding a source's labels: its labels file, else its images (class folders). */
    public static Path labelsPath(SourceConfig source) {
        return Path.of(source.labels() != null ? source.labels() : source.images());
    }

    private ImageSet open(String path, SourceConfig source) {
        DataSource dataSource =
                new DataSource(
                        Path.of(source.images()),
                        Optional.ofNullable(source.labels()).map(Path::of),
                        new Options(path, source.options()));
        return catalog.dataset(path + ".type", source.type()).open(dataSource);
    }

    /** The pipeline's output shape, or {@code null} with its problem recorded. */
    private static int[] outputShape(
            AugmentationPipeline pipeline, int[] imageShape, Problems problems) {
        try {
            return pipeline.outputShape(imageShape);
        } catch (ConfigurationException e) {
            problems.addAll(e);
            return null;
        }
    }

    private static String channels(int count) {
        return count == 1 ? "1 channel" : count + " channels";
    }

    private static String shape(int[] chw) {
        return chw[0] + "x" + chw[1] + "x" + chw[2];
    }
}
