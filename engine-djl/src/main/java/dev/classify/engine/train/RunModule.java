package dev.classify.engine.train;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;
import static java.util.Objects.requireNonNull;

import ai.djl.Device;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.optimizer.Optimizer;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.TypeLiteral;
import dev.classify.api.EpochMetrics;
import dev.classify.api.ImageSet;
import dev.classify.api.ModelSpec;
import dev.classify.engine.config.TrainConfig;
import dev.classify.engine.data.AugmentationPipeline;
import dev.classify.engine.data.HoldOutSplit;
import dev.classify.engine.model.TestTimeAugmentation;
import dev.classify.engine.plugin.PluginCatalog;
import dev.classify.engine.train.finetune.PretrainedStart;
import dev.classify.engine.train.schedule.ConfiguredOptimizer;
import dev.classify.engine.train.schedule.EpochLearningRate;
import dev.classify.engine.train.schedule.LearningRateSchedule;
import jakarta.inject.Qualifier;
import jakarta.inject.Singleton;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Binds what one training run's configuration chose, for a child injector of the plugin injector:
 * the data (training and test images, hold-out split), the augmentation, the model's block, the
 * optimizer and its learning rate, the schedule, the devices, the run folder, the person's {@link
 * RunListener}, and the loop's own classes. The training listeners come from {@code
 * train.listener.ListenerModule}. Binds only: the data is read by {@link RunPreparation} before,
 * and the block is built when the loop asks for it.
 */
public final class RunModule extends AbstractModule {
    /** The run folder ({@code Path}), which exists. */
    @Qualifier
    @Retention(RUNTIME)
    @Target({FIELD, PARAMETER, METHOD})
    public @interface RunFolder {}

    /** The training images, hold-out included ({@code ImageSet}). */
    @Qualifier
    @Retention(RUNTIME)
    @Target({FIELD, PARAMETER, METHOD})
    public @interface TrainingImages {}

    /** The images predicted into {@code submission.csv} ({@code Optional<ImageSet>}). */
    @Qualifier
    @Retention(RUNTIME)
    @Target({FIELD, PARAMETER, METHOD})
    public @interface TestImages {}

    /** The training augmentation ({@code AugmentationPipeline}). */
    @Qualifier
    @Retention(RUNTIME)
    @Target({FIELD, PARAMETER, METHOD})
    public @interface TrainingAugmentation {}

    /** The evaluation augmentation ({@code AugmentationPipeline}): validation and prediction. */
    @Qualifier
    @Retention(RUNTIME)
    @Target({FIELD, PARAMETER, METHOD})
    public @interface EvaluationAugmentation {}

    private final PreparedRun prepared;
    private final Path runDirectory;
    private final RunListener listener;
    private final StartingPoint start;

    /**
     * Creates the module of one run.
     *
     * @param prepared the checked configuration and its data
     * @param runDirectory the run folder, which exists
     * @param listener hears the run on behalf of a person (console) or host application
     * @param start where training starts: fresh, or after a checkpoint
     */
    public RunModule(
            PreparedRun prepared, Path runDirectory, RunListener listener, StartingPoint start) {
        this.prepared = requireNonNull(prepared, "prepared is null");
        this.runDirectory = requireNonNull(runDirectory, "runDirectory is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.start = requireNonNull(start, "start is null");
    }

    @Override
    protected void configure() {
        binder().requireExplicitBindings();
        bind(PreparedRun.class).toInstance(prepared);
        bind(TrainConfig.class).toInstance(prepared.config().train());
        bind(ModelSpec.class).toInstance(prepared.spec());
        bind(ImageSet.class).annotatedWith(TrainingImages.class).toInstance(prepared.train());
        bind(new TypeLiteral<Optional<ImageSet>>() {})
                .annotatedWith(TestImages.class)
                .toInstance(prepared.test());
        bind(HoldOutSplit.class).toInstance(prepared.split());
        bind(AugmentationPipeline.class)
                .annotatedWith(TrainingAugmentation.class)
                .toInstance(prepared.trainAugment());
        bind(AugmentationPipeline.class)
                .annotatedWith(EvaluationAugmentation.class)
                .toInstance(prepared.evalAugment());
        bind(new TypeLiteral<List<Device>>() {}).toInstance(prepared.devices());
        bind(Path.class).annotatedWith(RunFolder.class).toInstance(runDirectory);
        bind(RunListener.class).toInstance(listener);
        bind(StartingPoint.class).toInstance(start);
        bind(RunState.class).in(Singleton.class);
        bind(TrainingListeners.class).in(Singleton.class);
        bind(EpochRunner.class).in(Singleton.class);
        bind(HoldOutValidation.class).in(Singleton.class);
        bind(RunOpening.class);
        bind(ModelStart.class);
        bind(WeightAverageStart.class);
        bind(PretrainedStart.class);
        bind(TrainingLoop.class);
        bind(RunCompletion.class);
    }

    /** The test-time augmentation views of validation and the run's predictions (augment.tta). */
    @Provides
    TestTimeAugmentation testTimeAugmentation(PreparedRun prepared) {
        return TestTimeAugmentation.of(prepared.config().augment().tta());
    }

    /** The network, a new uninitialised block per call: the loop asks once, after seeding. */
    @Provides
    Block block(PluginCatalog catalog, PreparedRun prepared) {
        return catalog.model("model.type", prepared.config().model().type())
                .create(prepared.spec());
    }

    @Provides
    @Singleton
    EpochLearningRate learningRate(TrainConfig train) {
        return new EpochLearningRate(train.optimizer().learningRate());
    }

    @Provides
    @Singleton
    Optimizer optimizer(TrainConfig train, EpochLearningRate learningRate, PreparedRun prepared) {
        return ConfiguredOptimizer.create(train.optimizer(), learningRate, prepared.engine());
    }

    /**
     * The schedule, with the history of a resumed run replayed into it: schedules are functions of
     * the metrics history, so replaying rebuilds their state exactly.
     */
    @Provides
    @Singleton
    LearningRateSchedule schedule(TrainConfig train, StartingPoint start) {
        LearningRateSchedule schedule =
                LearningRateSchedule.create(
                        train.scheduler(), train.optimizer().learningRate(), train.epochs());
        for (EpochMetrics metrics : start.history()) {
            schedule.endEpoch(metrics);
        }
        return schedule;
    }

    @Provides
    @Singleton
    DefaultTrainingConfig trainingConfig(
            TrainConfig train,
            Optimizer optimizer,
            List<Device> devices,
            @TrainingAugmentation AugmentationPipeline trainAugment) {
        return DjlTrainingConfig.create(
                optimizer, DjlTrainingConfig.loss(train, trainAugment.mixesLabels()), devices);
    }
}
