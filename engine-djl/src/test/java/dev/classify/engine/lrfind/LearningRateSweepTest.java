package dev.classify.engine.lrfind;

import static org.assertj.core.api.Assertions.assertThat;

import dev.classify.engine.Classify;
import dev.classify.engine.config.ConfigurationLoader;
import dev.classify.engine.config.PipelineConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A real sweep of the simple CNN on the committed Fashion-MNIST subset. */
final class LearningRateSweepTest {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    private static final String CONFIG =
            """
            data:
              train:
                images: fashion-mnist-small/train.npy
                labels: fashion-mnist-small/train.csv
              validation: {size: 1000, seed: 42}
            model: {type: simple-cnn}
            augment:
              train:
                - {type: normalize, mean: [0.286], std: [0.353]}
              eval:
                - {type: normalize, mean: [0.286], std: [0.353]}
            train:
              batchSize: 64
              optimizer: {type: sgd, learningRate: 0.01, momentum: 0.9}
              device: cpu
              seed: 42
            """;

    private static LrFindResult sweep(LrFindOptions options, String... overrides) {
        Classify root = Classify.forClassPath();
        PipelineConfig config =
                new ConfigurationLoader()
                        .parse(CONFIG, EXAMPLES, List.of(overrides), Path.of("lr-find-test.yaml"));
        return root.lrFind(root.prepare(config), options);
    }

    @Test
    void theLossFallsThenRunsAwayAndTheSuggestionLiesInTheSweep() {
        LrFindOptions options = new LrFindOptions(1e-4, 100, 40);

        LrFindResult result = sweep(options);

        List<LrFindPoint> points = result.points();
        assertThat(points.size()).isBetween(2, 40);
        for (int i = 0; i < points.size(); i++) {
            assertThat(points.get(i).learningRate()).isEqualTo(options.rate(i));
        }
        double first = points.get(0).smoothedLoss();
        double lowest = points.stream().mapToDouble(LrFindPoint::smoothedLoss).min().orElseThrow();
        assertThat(lowest).isLessThan(first);
        // At rates up to 100 SGD with momentum diverges: the sweep stops early.
        assertThat(result.diverged()).isTrue();
        assertThat(result.suggestion().steepest()).isBetween(options.start(), options.end());
        assertThat(result.suggestion().minimumTenth())
                .isBetween(options.start() / 10, options.end() / 10);
    }

    @Test
    void theSameSeedGivesTheSameSweep() {
        LrFindOptions options = new LrFindOptions(1e-3, 1, 6);

        assertThat(sweep(options)).isEqualTo(sweep(options));
    }

    @Test
    void appliesTrainFreeze() {
        LrFindOptions options = new LrFindOptions(0.01, 0.1, 3);
        String[] resnet = {"model.type=resnet", "model.depth=20", "model.width=0.25"};
        String[] frozen = {
            "model.type=resnet", "model.depth=20", "model.width=0.25", "train.freeze=[stem, stage1]"
        };

        List<LrFindPoint> all = sweep(options, resnet).points();
        List<LrFindPoint> some = sweep(options, frozen).points();

        // frozen layers keep their weights (and batch-norm statistics): another curve
        assertThat(some).hasSize(3).isNotEqualTo(all);
        assertThat(some).allSatisfy(point -> assertThat(point.loss()).isFinite());
    }

    @Test
    void wrapsOverTheTrainingBatches() {
        assertThat(LearningRateSweep.starts(200, 64, 7)).containsExactly(0, 64, 128, 0, 64, 128, 0);
        assertThat(LearningRateSweep.starts(10, 64, 3)).containsExactly(0, 0, 0);
    }
}
