package dev.classify.engine.data;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.classify.engine.Classify;
import dev.classify.engine.config.ConfigurationLoader;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.plugin.PluginCatalog;
import dev.classify.engine.runtime.OfflineDefaults;
import dev.classify.engine.train.PreparedRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Measures images per second of the training data path alone, as {@link EpochRunner} runs it
 * without the network: shuffled indices, {@link BatchAssembler} (stored pixels to a float32 NCHW
 * batch on the device), the labels, and the training augmentation (mixing the one-hot targets too
 * when the list holds mixup or cutmix). Each batch ends by copying the augmented images to the Java
 * heap, which waits for the engine's asynchronous work. Not a test: run it with {@code
 * OMP_NUM_THREADS=2} and the test class path, e.g.
 *
 * <pre>
 * java -cp ... dev.classify.engine.DataPathBenchmark                       # the reference recipe
 * java -cp ... dev.classify.engine.DataPathBenchmark configs/fashion-fast-cpu.yaml train.batchSize=64
 * </pre>
 *
 * <p>Measured on the shared 2-core machine (load average about 15, so only the ratios mean much):
 * batches of 128 at 1,000 images/s with {@code OMP_NUM_THREADS=2}, but 19,000 with {@code
 * MXNET_CPU_PARALLEL_SIZE=50000} and 29,000 with {@code OMP_NUM_THREADS=1}; batches of 256 at
 * 13,000 to 18,000. MXNet runs arrays below {@code MXNET_CPU_PARALLEL_SIZE} (default 200,000
 * elements; a batch of 128 28x28 images has 100,352) on one thread while the other OpenMP thread
 * spins, which on a busy machine costs far more than the work.
 *
 * <p>Without arguments it reads {@code examples/quickstart.yaml} (5,000 training images) with the
 * reference 28x28 training list, random crop (28, padding 4), horizontal flip, normalize, and
 * batches of 128.
 */
public final class DataPathBenchmark {
    private static final int EPOCHS = 10;

    private static final List<String> REFERENCE =
            List.of(
                    "augment.train=[{type: random-crop, size: 28, padding: 4},"
                            + " {type: random-flip, horizontal: true},"
                            + " {type: normalize, mean: [0.286], std: [0.353]}]",
                    "train.batchSize=128",
                    "train.device=cpu");

    private DataPathBenchmark() {}

    /** Prints the throughput of each epoch; the first one warms up. */
    public static void main(String[] args) {
        OfflineDefaults.apply();
        PluginCatalog catalog = Classify.forClassPath().catalog();
        Path file = Path.of(args.length > 0 ? args[0] : "examples/quickstart.yaml");
        List<String> overrides =
                args.length > 0 ? Arrays.asList(args).subList(1, args.length) : REFERENCE;
        PipelineConfig config = new ConfigurationLoader(catalog).load(file, overrides);
        PreparedRun prepared = Classify.forClassPath().prepare(config);
        int batchSize = config.train().batchSize();
        int numClasses = prepared.spec().numClasses();
        AugmentationPipeline augment = prepared.trainAugment();
        BatchAssembler assembler = new BatchAssembler(prepared.train());
        System.out.printf(
                "%s, %d training images, batches of %d, train augmentation %s, %s threads %s%n",
                file,
                prepared.split().train().length,
                batchSize,
                config.augment().train(),
                Engine.getEngine(PipelineConfig.DEFAULT_ENGINE).getEngineName(),
                System.getenv("OMP_NUM_THREADS"));
        List<Double> rates = new ArrayList<>();
        try (NDManager root =
                NDManager.newBaseManager(prepared.device(), PipelineConfig.DEFAULT_ENGINE)) {
            for (int epoch = 1; epoch <= EPOCHS; epoch++) {
                SplittableRandom random = new SplittableRandom(epoch);
                int[] order = prepared.split().train().clone();
                SplittableRandom shuffle = random.split();
                for (int i = order.length - 1; i > 0; i--) {
                    int j = shuffle.nextInt(i + 1);
                    int swap = order[i];
                    order[i] = order[j];
                    order[j] = swap;
                }
                SplittableRandom augmentation = random.split();
                long start = System.nanoTime();
                for (int from = 0; from < order.length; from += batchSize) {
                    int to = Math.min(order.length, from + batchSize);
                    try (NDManager manager = root.newSubManager()) {
                        NDArray images = assembler.images(manager, order, from, to);
                        NDArray labels = assembler.labels(manager, order, from, to);
                        NDArray input;
                        if (augment.mixesLabels()) {
                            NDArray targets =
                                    labels.toType(DataType.INT32, false)
                                            .oneHot(numClasses)
                                            .toType(DataType.FLOAT32, false);
                            input = augment.apply(images, targets, augmentation).images();
                        } else {
                            input = augment.apply(images, augmentation);
                        }
                        input.toFloatArray();
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double rate = order.length / seconds;
                System.out.printf(
                        "epoch %d: %,.0f images/s (%.3f s)%s%n",
                        epoch, rate, seconds, epoch == 1 ? "  warm-up" : "");
                if (epoch > 1) {
                    rates.add(rate);
                }
            }
        }
        rates.sort(null);
        System.out.printf(
                "epochs 2..%d: median %,.0f images/s, best %,.0f images/s%n",
                EPOCHS, rates.get(rates.size() / 2), rates.get(rates.size() - 1));
    }
}
