package dev.classify.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.classify.api.ConfigurationException;
import dev.classify.api.InvalidDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ConfigurationLoaderTest {
    /** The reference example of docs/architecture.md, verbatim. */
    static final String ARCHITECTURE_EXAMPLE =
            """
            data:
              train:
                images: data/train.npy       # paths are relative to the configuration file
                labels: data/train.csv       # id,label
              test:
                images: data/test.npy
              validation:
                size: 5000                   # or  fraction: 0.1
                seed: 42
            model:
              type: se-resnet                # simple-cnn | resnet | se-resnet | any plugin's name
              depth: 34                      # 18 | 34 | 50 | 101 | 152
              stem: imagenet                 # imagenet: 7x7/2 conv + 3x3/2 max-pool; small: 3x3/1 conv, no pool
              inputChannels: 3
              numClasses: 10
            augment:
              train:
                - {type: resize, size: 256}
                - {type: random-flip, horizontal: true, vertical: true}
                - {type: random-crop, size: 224}
                - {type: to-rgb}
                - {type: normalize, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225]}
              eval:
                - {type: resize, size: 256}
                - {type: center-crop, size: 224}
                - {type: to-rgb}
                - {type: normalize, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225]}
            train:
              epochs: 80
              batchSize: 32
              optimizer: {type: sgd, learningRate: 0.1, momentum: 0.9, weightDecay: 0.00004}
              scheduler: {type: plateau, monitor: val_accuracy, patience: 4, factor: 0.5}
              device: auto                   # auto | cpu | gpu | gpu:1 | gpus (all)
              seed: 42
            output:
              dir: runs/seed-se-resnet34
            """;

    private static final String MINIMAL =
            """
            data:
              train:
                images: train.npy
                labels: train.csv
            """;

    private static final Path BASE = Path.of("/projects/fashion").toAbsolutePath();
    private static final Path SOURCE = Path.of("config.yaml");

    private final ConfigurationLoader loader = new ConfigurationLoader();

    private PipelineConfig parse(String yaml, String... overrides) {
        return loader.parse(yaml, BASE, List.of(overrides), SOURCE);
    }

    private ConfigurationException problemsOf(String yaml, String... overrides) {
        return catchThrowableOfType(ConfigurationException.class, () -> parse(yaml, overrides));
    }

    @Test
    void readsTheEngineAtTheTopLevel() {
        assertThat(parse(MINIMAL).engine()).isEqualTo("MXNet");
        assertThat(parse(MINIMAL + "engine: PyTorch\n").engine()).isEqualTo("PyTorch");
        assertThat(parse(MINIMAL, "engine=PyTorch").engine()).isEqualTo("PyTorch");
        assertThat(parse(MINIMAL, "train.device=gpus").train().device()).isEqualTo("gpus");

        assertThat(problemsOf(MINIMAL + "engine: TensorFlow\n").problems())
                .containsExactly("engine: unknown engine 'TensorFlow'; known: [MXNet, PyTorch]");
        assertThat(problemsOf(MINIMAL, "engine=pytorch").problems())
                .containsExactly(
                        "engine: unknown engine 'pytorch'; known: [MXNet, PyTorch] (names are"
                                + " case-sensitive: PyTorch)");
        assertThat(problemsOf(MINIMAL + "engine: [MXNet]\n").problems())
                .containsExactly("engine: expected an engine name, one of [MXNet, PyTorch]");
    }

    @Test
    void parsesTheArchitectureExample() {
        PipelineConfig config = parse(ARCHITECTURE_EXAMPLE);

        assertThat(config.data().train().type()).isEqualTo("npy");
        assertThat(config.data().train().images())
                .isEqualTo(BASE.resolve("data/train.npy").toString());
        assertThat(config.data().train().labels())
                .isEqualTo(BASE.resolve("data/train.csv").toString());
        assertThat(config.data().train().options()).isEmpty();
        assertThat(config.data().test().images())
                .isEqualTo(BASE.resolve("data/test.npy").toString());
        assertThat(config.data().test().labels()).isNull();
        assertThat(config.data().validation()).isEqualTo(new ValidationConfig(5000, null, 42L));

        assertThat(config.model().type()).isEqualTo("se-resnet");
        assertThat(config.model().inputChannels()).isEqualTo(3);
        assertThat(config.model().numClasses()).isEqualTo(10);
        assertThat(config.model().options())
                .containsExactly(Map.entry("depth", 34), Map.entry("stem", "imagenet"));

        assertThat(config.augment().train())
                .extracting(PluginConfig::type)
                .containsExactly("resize", "random-flip", "random-crop", "to-rgb", "normalize");
        assertThat(config.augment().eval())
                .extracting(PluginConfig::type)
                .containsExactly("resize", "center-crop", "to-rgb", "normalize");
        assertThat(config.augment().train().get(0).options()).isEqualTo(Map.of("size", 256));
        assertThat(config.augment().train().get(1).options())
                .isEqualTo(Map.of("horizontal", true, "vertical", true));
        assertThat(config.augment().train().get(3).options()).isEmpty();
        assertThat(config.augment().eval().get(3).options())
                .isEqualTo(
                        Map.of(
                                "mean", List.of(0.485, 0.456, 0.406),
                                "std", List.of(0.229, 0.224, 0.225)));

        TrainConfig train = config.train();
        assertThat(train.epochs()).isEqualTo(80);
        assertThat(train.batchSize()).isEqualTo(32);
        assertThat(train.optimizer())
                .isEqualTo(
                        new OptimizerConfig(
                                "sgd", 0.1, 0.9, 0.00004, false, null, null, null, null));
        SchedulerConfig scheduler = train.scheduler();
        assertThat(scheduler.type()).isEqualTo("plateau");
        assertThat(scheduler.monitor()).isEqualTo("val_accuracy");
        assertThat(scheduler.patience()).isEqualTo(4);
        assertThat(scheduler.factor()).isEqualTo(0.5);
        // Not in the example: the defaults of PyTorch's ReduceLROnPlateau.
        assertThat(scheduler.threshold()).isEqualTo(1e-4);
        assertThat(scheduler.cooldown()).isZero();
        assertThat(scheduler.minLr()).isZero();
        assertThat(train.device()).isEqualTo("auto");
        assertThat(train.seed()).isEqualTo(42L);

        // The output folder is relative to the working directory, not to the file.
        assertThat(config.output().dir()).isEqualTo("runs/seed-se-resnet34");
    }

    @Test
    void loadResolvesDataPathsAgainstTheFilesFolder(@TempDir Path folder) throws IOException {
        Path configs = Files.createDirectories(folder.resolve("configs"));
        Path file = configs.resolve("run.yaml");
        Files.writeString(
                file,
                """
                data:
                  train: {images: ../data/train.npy, labels: labels.csv}
                  test: {images: /elsewhere/test.npy}
                """);

        PipelineConfig config = loader.load(file, List.of());

        assertThat(config.data().train().images())
                .isEqualTo(folder.resolve("data/train.npy").toAbsolutePath().toString());
        assertThat(config.data().train().labels())
                .isEqualTo(configs.resolve("labels.csv").toAbsolutePath().toString());
        assertThat(config.data().test().images()).isEqualTo("/elsewhere/test.npy");
    }

    @Test
    void fillsEveryDefaultWhenOnlyTheTrainingDataIsGiven() {
        PipelineConfig config = parse(MINIMAL);

        TrainConfig train = config.train();
        assertThat(train.epochs()).isEqualTo(10);
        assertThat(train.batchSize()).isEqualTo(64);
        assertThat(train.optimizer().type()).isEqualTo("sgd");
        assertThat(train.optimizer().learningRate()).isEqualTo(0.01);
        assertThat(train.optimizer().momentum()).isEqualTo(0.9);
        assertThat(train.optimizer().weightDecay()).isZero();
        assertThat(train.scheduler().type()).isEqualTo("constant");
        assertThat(train.device()).isEqualTo("auto");
        assertThat(train.seed()).isEqualTo(42L);
        assertThat(train).isEqualTo(TrainConfig.defaults());

        assertThat(config.data().test()).isNull();
        assertThat(config.data().validation().seed()).isEqualTo(42L);
        assertThat(config.data().validation().size()).isNull();
        assertThat(config.data().validation().fraction()).isNull();
        assertThat(config.model()).isEqualTo(new ModelConfig("simple-cnn", null, null, Map.of()));
        assertThat(config.augment().train()).isEmpty();
        assertThat(config.augment().eval()).isEmpty();
        assertThat(config.output().dir()).isNull();
    }

    @Test
    void acceptsEmptyAugmentLists() {
        PipelineConfig config = parse(MINIMAL + "augment:\n  train: []\n  eval:\n");

        assertThat(config.augment().train()).isEmpty();
        assertThat(config.augment().eval()).isEmpty();
    }

    @Test
    void readsTheTestTimeAugmentationViewsAsAListOrOneString() {
        assertThat(parse(MINIMAL).augment().tta()).isEmpty();
        assertThat(parse(MINIMAL + "augment:\n  tta: [flip, shift2]\n").augment().tta())
                .containsExactly("flip", "shift2");
        assertThat(parse(MINIMAL, "augment.tta=flip, shift").augment().tta())
                .containsExactly("flip", "shift");
        assertThat(parse(MINIMAL + "augment:\n  tta: [flip]\n", "augment.tta=none").augment().tta())
                .isEmpty();

        assertThat(problemsOf(MINIMAL + "augment:\n  tta: [flip, mirror]\n").problems())
                .containsExactly(
                        "augment.tta[1]: unknown view 'mirror'; known: [flip, shift, shift2], e.g."
                                + " tta: [flip]");
        assertThat(problemsOf(MINIMAL, "augment.tta=flip,flip").problems())
                .containsExactly("augment.tta: names a view twice: [flip, flip]; name each once");
        assertThat(problemsOf(MINIMAL + "augment:\n  tta: {flip: true}\n").problems())
                .containsExactly(
                        "augment.tta: expected a list of views such as [flip], got {\"flip\":true}");
        assertThat(problemsOf(MINIMAL + "augment:\n  tta: [2]\n").problems())
                .containsExactly(
                        "augment.tta[0]: expected a view name (flip, shift or shift2), got 2");
    }

    @Test
    void acceptsAStepWrittenAsItsNameAlone() {
        PipelineConfig config = parse(MINIMAL + "augment:\n  train: [random-flip]\n");

        assertThat(config.augment().train()).containsExactly(new PluginConfig("random-flip", null));
    }

    @Test
    void appliesOverridesInOrder() {
        String yaml =
                MINIMAL
                        + """
                        augment:
                          train:
                            - {type: random-flip}
                        """;

        PipelineConfig config =
                parse(
                        yaml,
                        "train.epochs=3",
                        "train.optimizer.learningRate=0.1",
                        "augment.train[0].probability=1.0",
                        "augment.train[1]={type: normalize, mean: 0.5}",
                        "output.dir=runs/override");

        // train, train.optimizer and output were absent: the overrides create them.
        assertThat(config.train().epochs()).isEqualTo(3);
        assertThat(config.train().batchSize()).isEqualTo(64);
        assertThat(config.train().optimizer().learningRate()).isEqualTo(0.1);
        assertThat(config.train().optimizer().momentum()).isEqualTo(0.9);
        assertThat(config.augment().train())
                .containsExactly(
                        new PluginConfig("random-flip", Map.of("probability", 1.0)),
                        new PluginConfig("normalize", Map.of("mean", 0.5)));
        assertThat(config.output().dir()).isEqualTo("runs/override");
    }

    @Test
    void laterOverridesWin() {
        PipelineConfig config = parse(MINIMAL, "train.epochs=3", "train.epochs=5");

        assertThat(config.train().epochs()).isEqualTo(5);
    }

    @Test
    void anOverrideWithoutValueIsAProblemNotAReset() {
        ConfigurationException e = problemsOf(MINIMAL, "train=", "model.type= ");

        assertThat(e.problems())
                .containsExactly(
                        "--set train: has no value; give one after '=' (or null to remove the"
                                + " key)",
                        "--set model.type: has no value; give one after '=' (or null to remove"
                                + " the key)");
    }

    @Test
    void rejectsBadOverrides() {
        ConfigurationException e =
                problemsOf(
                        MINIMAL + "augment:\n  train: [random-flip]\n",
                        "train.epochs3",
                        "augment.train[4].probability=1",
                        "train.epoch=3");

        assertThat(e.problems())
                .hasSize(3)
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .isEqualTo(
                                                "--set train.epochs3: expected key.path=value,"
                                                        + " e.g. train.epochs=3"))
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .startsWith("--set augment.train[4].probability:")
                                        .contains("no element 4"))
                .anySatisfy(p -> assertThat(p).contains("unknown key 'epoch'"));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        String yaml =
                """
                data:
                  train: {images: train.npy, labels: train.csv}
                  validation: {size: 10, fraction: 0.1}
                model:
                  numClasses: 1
                train:
                  epoch: 3
                  batchSize: -1
                optimiser:
                  learningRate: 0.1
                """;

        ConfigurationException e = problemsOf(yaml);

        assertThat(e.problems())
                .containsExactlyInAnyOrder(
                        "optimiser: unknown key 'optimiser'; known: [augment, data, engine,"
                                + " listeners, model, output, train]",
                        "data.validation: give size or fraction, not both",
                        "model.numClasses: must be at least 2, got 1",
                        "train.epoch: unknown key 'epoch'; known: [accumulate, batchSize,"
                                + " clipGradientNorm, device, earlyStopping, ema, epochs, freeze,"
                                + " labelSmoothing, optimizer, prefetch, scheduler, seed]",
                        "train.batchSize: must be at least 1, got -1");
        assertThat(e)
                .hasMessageContaining("optimiser")
                .hasMessageContaining("epochs")
                .hasMessageContaining("model.numClasses");
    }

    @Test
    void reportsEveryUnknownKeyOfOneSection() {
        ConfigurationException e =
                problemsOf(
                        MINIMAL
                                + """
                                train:
                                  epoch: 3
                                  batch: 8
                                  optimizer: {type: sgd, rate: 0.1}
                                """);

        assertThat(e.problems())
                .hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("unknown key 'epoch'"))
                .anySatisfy(p -> assertThat(p).contains("unknown key 'batch'"))
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .startsWith("train.optimizer.rate: unknown key 'rate'")
                                        .contains("learningRate"));
    }

    @Test
    void namesUnknownKeysOfDataAndAugment() {
        ConfigurationException e =
                problemsOf(MINIMAL + "  tests: {images: x.npy}\naugment:\n  training: []\n");

        assertThat(e.problems())
                .containsExactlyInAnyOrder(
                        "data.tests: unknown key 'tests'; known: [test, train, validation]",
                        "augment.training: unknown key 'training'; known: [eval, train, tta]");
    }

    @Test
    void reportsWrongTypesWithPathAndValue() {
        ConfigurationException e =
                problemsOf(
                        MINIMAL
                                + """
                                train:
                                  epochs: three
                                  optimizer: {learningRate: fast}
                                model:
                                  inputChannels: two
                                """);

        assertThat(e.problems())
                .containsExactlyInAnyOrder(
                        "train.epochs: expected an integer, got 'three'",
                        "train.optimizer.learningRate: expected a number, got 'fast'",
                        "model.inputChannels: expected an integer, got two");
    }

    @Test
    void rejectsAValueWhereASectionIsExpected() {
        ConfigurationException e = problemsOf(MINIMAL + "train: {optimizer: 5}\noutput: 5\n");

        assertThat(e.problems())
                .containsExactlyInAnyOrder(
                        "train.optimizer: expected a map of keys and values",
                        "output: expected a map of keys and values");
    }

    @Test
    void rejectsAFractionalEpochCount() {
        assertThatThrownBy(() -> parse(MINIMAL + "train: {epochs: 2.5}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("train.epochs: expected an integer, got 2.5");
    }

    @Test
    void rejectsOutOfRangeValues() {
        ConfigurationException e =
                problemsOf(
                        MINIMAL
                                + """
                                  validation: {fraction: 1.5}
                                train:
                                  device: tpu
                                  optimizer: {type: adagrad, learningRate: 0, momentum: 1}
                                  scheduler: {type: plateau, monitor: train_loss, factor: 2}
                                """);

        assertThat(e.problems())
                .containsExactlyInAnyOrder(
                        "data.validation.fraction: must be in [0, 1), got 1.5",
                        "train.device: must be auto, cpu, gpu, gpu:N or gpus, got 'tpu'",
                        "train.optimizer.type: unknown optimizer 'adagrad'; known: [sgd, adam,"
                                + " adamw]",
                        "train.optimizer.learningRate: must be positive, got 0.0",
                        "train.optimizer.momentum: must be in [0, 1), got 1.0",
                        "train.scheduler.monitor: unknown metric 'train_loss'; known:"
                                + " [val_accuracy, val_loss]",
                        "train.scheduler.factor: must be in (0, 1), got 2.0");
    }

    @Test
    void fillsTheDefaultsOfEachOptimizerType() {
        OptimizerConfig adam =
                parse(MINIMAL + "train: {optimizer: {type: adam}}").train().optimizer();
        OptimizerConfig adamw =
                parse(MINIMAL + "train: {optimizer: {type: adamw, clipGradient: 5}}")
                        .train()
                        .optimizer();
        OptimizerConfig nesterov =
                parse(MINIMAL + "train: {optimizer: {nesterov: true, momentum: 0.95}}")
                        .train()
                        .optimizer();

        // The defaults of PyTorch's Adam and AdamW; keys a type does not read stay null.
        assertThat(adam)
                .isEqualTo(
                        new OptimizerConfig(
                                "adam", 0.001, null, 0.0, null, 0.9, 0.999, 1e-8, null));
        assertThat(adamw)
                .isEqualTo(
                        new OptimizerConfig(
                                "adamw", 0.001, null, 0.01, null, 0.9, 0.999, 1e-8, 5.0));
        assertThat(nesterov)
                .isEqualTo(
                        new OptimizerConfig("sgd", 0.01, 0.95, 0.0, true, null, null, null, null));
        assertThat(parse(MINIMAL).train().optimizer().nesterov()).isFalse();
    }

    @Test
    void readsMultistepAndCosineSchedulesAndLabelSmoothing() {
        TrainConfig multistep =
                parse(
                                MINIMAL
                                        + "train: {scheduler: {type: multistep, milestones: [30,"
                                        + " 60, 80]}, labelSmoothing: 0.1}")
                        .train();
        SchedulerConfig cosine =
                parse(MINIMAL + "train: {epochs: 90, scheduler: {type: cosine, warmupEpochs: 5}}")
                        .train()
                        .scheduler();

        assertThat(multistep.scheduler())
                .isEqualTo(
                        new SchedulerConfig(
                                "multistep",
                                null,
                                0.1,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                List.of(30, 60, 80),
                                null));
        assertThat(multistep.labelSmoothing()).isEqualTo(0.1);
        assertThat(cosine.warmupEpochs()).isEqualTo(5);
        assertThat(cosine.minLr()).isZero();
        assertThat(cosine.gamma()).isNull();
        assertThat(parse(MINIMAL).train().labelSmoothing()).isZero();
    }

    @Test
    void rejectsBadOptimizerValuesNamingTheKey() {
        ConfigurationException e =
                problemsOf(
                        MINIMAL
                                + """
                                train:
                                  labelSmoothing: 1
                                  optimizer:
                                    type: adam
                                    momentum: 0.9
                                    beta1: 1
                                    beta2: -0.1
                                    epsilon: 0
                                    weightDecay: -1
                                    clipGradient: 0
                                """);

        assertThat(e.problems())
                .containsExactlyInAnyOrder(
                        "train.labelSmoothing: must be in [0, 1), got 1.0",
                        "train.optimizer.momentum: the adam optimizer does not use it; its keys:"
                                + " [learningRate, beta1, beta2, epsilon, weightDecay,"
                                + " clipGradient] (to change the type, give the whole optimizer"
                                + " map)",
                        "train.optimizer.beta1: must be in [0, 1), got 1.0",
                        "train.optimizer.beta2: must be in [0, 1), got -0.1",
                        "train.optimizer.epsilon: must be positive, got 0.0",
                        "train.optimizer.weightDecay: must be at least 0, got -1.0",
                        "train.optimizer.clipGradient: must be positive, got 0.0");
    }

    @Test
    void rejectsNesterovWithoutMomentumAndAdamKeysForSgd() {
        ConfigurationException e =
                problemsOf(
                        MINIMAL
                                + "train: {optimizer: {type: sgd, momentum: 0, nesterov: true,"
                                + " beta2: 0.99}}");

        assertThat(e.problems())
                .containsExactlyInAnyOrder(
                        "train.optimizer.nesterov: Nesterov momentum needs a positive momentum,"
                                + " got momentum 0.0",
                        "train.optimizer.beta2: the sgd optimizer does not use it; its keys:"
                                + " [learningRate, momentum, nesterov, weightDecay, clipGradient]"
                                + " (to change the type, give the whole optimizer map)");
    }

    @Test
    void rejectsBadSchedules() {
        assertThat(problemsOf(MINIMAL + "train: {scheduler: {type: multistep}}").problems())
                .containsExactly(
                        "train.scheduler.milestones: is required for multistep: give the epochs"
                                + " after which the rate decays, e.g. [30, 60]");
        assertThat(
                        problemsOf(
                                        MINIMAL
                                                + "train: {scheduler: {type: multistep,"
                                                + " milestones: [30, 30, 60], gamma: 1}}")
                                .problems())
                .containsExactlyInAnyOrder(
                        "train.scheduler.milestones: must be strictly increasing, got 30 then 30",
                        "train.scheduler.gamma: must be in (0, 1), got 1.0");
        assertThat(
                        problemsOf(
                                        MINIMAL
                                                + "train: {scheduler: {type: multistep,"
                                                + " milestones: [0, 5]}}")
                                .problems())
                .containsExactly(
                        "train.scheduler.milestones[0]: must be an epoch of at least 1, got 0");
        assertThat(
                        problemsOf(
                                        MINIMAL
                                                + "train: {epochs: 5, optimizer: {learningRate:"
                                                + " 0.1}, scheduler: {type: cosine, warmupEpochs:"
                                                + " 5, minLr: 0.1, patience: 3}}")
                                .problems())
                .containsExactlyInAnyOrder(
                        "train.scheduler.warmupEpochs: must be below train.epochs (5), got 5",
                        "train.scheduler.minLr: must be below train.optimizer.learningRate"
                                + " (0.1), got 0.1",
                        "train.scheduler.patience: the cosine scheduler does not use it; its"
                                + " keys: [warmupEpochs, minLr] (to change the type, give the"
                                + " whole scheduler map)");
        assertThat(
                        problemsOf(MINIMAL + "train: {scheduler: {type: cosine, warmupEpochs: -1}}")
                                .problems())
                .containsExactly("train.scheduler.warmupEpochs: must be at least 0, got -1");
        assertThat(
                        problemsOf(MINIMAL + "train: {scheduler: {type: warm, milestones: [2]}}")
                                .problems())
                .containsExactly(
                        "train.scheduler.type: unknown scheduler 'warm'; known: [constant, step,"
                                + " multistep, cosine, plateau]");
    }

    @Test
    void requiresTheTrainingData() {
        assertThatThrownBy(() -> parse("model: {type: simple-cnn}"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("data: is required");
        assertThatThrownBy(() -> parse(""))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("data: is required");
        assertThatThrownBy(() -> parse("data:\n  test: {images: test.npy}\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("data.train: is required");
        // Whether a labels file is required is the dataset plugin's to say: TrainLabelsCheckTest.
    }

    @Test
    void aNumberWhereAListBelongsSaysSo() {
        ConfigurationException e =
                problemsOf(
                        """
                        data:
                          train: {images: a.npy, labels: a.csv}
                        train:
                          scheduler: {type: multistep, milestones: 5}
                        """);
        assertThat(e.problems())
                .contains("train.scheduler.milestones: expected a list, e.g. [30, 60]");
    }

    @Test
    void aNumberWhereAListOfLayerNamesBelongsGivesANamesExample() {
        ConfigurationException e =
                problemsOf(
                        """
                        data:
                          train: {images: a.npy, labels: a.csv}
                        train:
                          freeze: 5
                        """);
        assertThat(e.problems())
                .contains("train.freeze: expected a list of names, e.g. [stem, stage1]");
    }

    @Test
    void aNullLayerNameIsNamedByItsIndex() {
        // Found by a tester: freeze: [null] was "train: expected a map of keys and values".
        ConfigurationException e =
                problemsOf(
                        """
                        data:
                          train: {images: a.npy, labels: a.csv}
                        train:
                          freeze: [stem, null]
                        """);
        assertThat(e.problems())
                .contains("train.freeze[1]: must be a layer name such as stem, got 'null'");
    }

    @Test
    void anEmptyDataSectionIsRequiredNotAnInternalError() {
        // Found by a tester: "data:" with nothing under it ended in a NullPointerException.
        assertThatThrownBy(() -> parse("data:\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("data: is required");
    }

    @Test
    void deeplyNestedYamlIsInvalidYamlNotAnInternalError() {
        // Found by a tester: the parser's error for this has no location.
        String deep = "data: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
        assertThatThrownBy(() -> parse(deep)).isInstanceOf(InvalidDataException.class);
    }

    @Test
    void settingTheHoldOutSizeReplacesAFractionFromTheFile() {
        PipelineConfig config =
                parse(
                        """
                        data:
                          train: {images: a.npy, labels: a.csv}
                          validation: {fraction: 0.2}
                        """,
                        "data.validation.size=100");
        assertThat(config.data().validation().size()).isEqualTo(100);
        assertThat(config.data().validation().fraction()).isNull();
    }

    @Test
    void rejectsAListAtTheTopLevel() {
        assertThatThrownBy(() -> parse("- data\n- model\n"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("expected a map with the sections data, model")
                .hasMessageContaining("got a list");
        assertThatThrownBy(() -> parse("data: {train: {images: a.npy, labels: a.csv}}\ndata: {}\n"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("Duplicate field 'data'");
    }

    @Test
    void rejectsInvalidYamlNamingTheFile() {
        assertThatThrownBy(
                        () ->
                                loader.parse(
                                        "data:\n  train: {images: [unclosed\n",
                                        BASE,
                                        List.of(),
                                        Path.of("configs/broken.yaml")))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith("configs/broken.yaml: ")
                .hasMessageContaining("not valid YAML at line");
    }

    @Test
    void reportsAMissingFile(@TempDir Path folder) {
        Path file = folder.resolve("missing.yaml");

        assertThatThrownBy(() -> loader.load(file, List.of()))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not found");
    }
}
