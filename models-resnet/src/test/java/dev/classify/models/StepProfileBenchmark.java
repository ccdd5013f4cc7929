package dev.classify.models;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.mxnet.engine.MxNDArray;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import dev.classify.api.ModelSpec;
import dev.classify.api.Options;
import java.util.Map;
import java.util.Random;

/**
 * Splits one training step of a model into its phases, to find where the time goes: forward
 * (training mode, recording), loss, backward, optimizer update; plus a forward pass in inference
 * mode. Every phase ends by waiting for all its outputs ({@code waitToRead} on MXNet), so that the
 * asynchronous engine cannot move work from one phase into the next. The same split is printed by
 * {@code bench/pytorch_reference.py --profile} for PyTorch.
 *
 * <p>Not a test; run by hand on an idle machine with {@code OMP_NUM_THREADS=2 DJL_OFFLINE=true
 * OPT_OUT_TRACKING=true} and the test class path. Arguments: model ({@code simple-cnn} or a resnet
 * depth, e.g. {@code 20}, with the small stem), batch size (default 128), timed steps (default 10),
 * the resnet's width multiplier (default 1) and the engine ({@code MXNet}, the default, or {@code
 * PyTorch}).
 */
public final class StepProfileBenchmark {
    private static final int WARM_UP = 3;

    private StepProfileBenchmark() {}

    /** Prints milliseconds per phase, averaged over the timed steps. */
    public static void main(String[] args) {
        String model = args.length > 0 ? args[0] : "20";
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int timed = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        double width = args.length > 3 ? Double.parseDouble(args[3]) : 1;
        String engine = args.length > 4 ? args[4] : "MXNet";
        Shape input = new Shape(batch, 1, 28, 28);
        ModelSpec spec =
                model.equals("simple-cnn")
                        ? new ModelSpec(1, 28, 28, 10, new Options("model", Map.of()))
                        : new ModelSpec(
                                1,
                                28,
                                28,
                                10,
                                new Options(
                                        "model",
                                        Map.of("depth", Integer.parseInt(model), "width", width)));
        DefaultTrainingConfig config =
                new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                        .optDevices(new Device[] {Device.cpu()})
                        .optOptimizer(
                                Optimizer.sgd()
                                        .setLearningRateTracker(Tracker.fixed(0.01f))
                                        .optMomentum(0.9f)
                                        .build());
        Engine.getEngine(engine).setRandomSeed(42);
        try (Model djlModel = Model.newInstance(model, Device.cpu(), engine)) {
            djlModel.setBlock(
                    model.equals("simple-cnn")
                            ? new SimpleCnnProvider().create(spec)
                            : new ResNetProvider().create(spec));
            try (Trainer trainer = djlModel.newTrainer(config)) {
                trainer.initialize(input);
                Random random = new Random(42);
                float[] pixels = new float[(int) input.size()];
                float[] labels = new float[batch];
                for (int i = 0; i < pixels.length; i++) {
                    pixels[i] = random.nextFloat();
                }
                for (int i = 0; i < batch; i++) {
                    labels[i] = random.nextInt(10);
                }
                double[] sums = new double[5];
                for (int step = 0; step < WARM_UP + timed; step++) {
                    double[] phases = step(trainer, input, pixels, labels);
                    if (step >= WARM_UP) {
                        for (int i = 0; i < sums.length; i++) {
                            sums[i] += phases[i];
                        }
                    }
                }
                System.out.printf(
                        "{\"framework\": \"djl %s %s %s\", \"model\": \"%s w%s\", \"batch_size\": %d,"
                                + " \"threads\": \"%s\", \"forward_ms\": %.1f, \"loss_ms\": %.1f,"
                                + " \"backward_ms\": %.1f, \"update_ms\": %.1f,"
                                + " \"inference_forward_ms\": %.1f}%n",
                        Engine.getDjlVersion(),
                        engine,
                        Engine.getEngine(engine).getVersion(),
                        model,
                        width,
                        batch,
                        System.getenv("OMP_NUM_THREADS"),
                        sums[0] / timed,
                        sums[1] / timed,
                        sums[2] / timed,
                        sums[3] / timed,
                        sums[4] / timed);
            }
        }
    }

    private static double[] step(Trainer trainer, Shape input, float[] pixels, float[] labels) {
        double[] phases = new double[5];
        try (NDManager manager = trainer.getManager().newSubManager()) {
            NDArray images = manager.create(pixels, input);
            NDArray targets = manager.create(labels, new Shape(labels.length));
            wait(images);
            wait(targets);
            try (GradientCollector collector = trainer.newGradientCollector()) {
                long t0 = System.nanoTime();
                NDList scores = trainer.forward(new NDList(images));
                wait(scores.singletonOrThrow());
                long t1 = System.nanoTime();
                NDArray loss = trainer.getLoss().evaluate(new NDList(targets), scores);
                wait(loss);
                long t2 = System.nanoTime();
                collector.backward(loss);
                for (Pair<String, Parameter> parameter :
                        trainer.getModel().getBlock().getParameters()) {
                    if (parameter.getValue().requiresGradient()) {
                        wait(parameter.getValue().getArray().getGradient());
                    }
                }
                long t3 = System.nanoTime();
                phases[0] = (t1 - t0) / 1e6;
                phases[1] = (t2 - t1) / 1e6;
                phases[2] = (t3 - t2) / 1e6;
            }
            long t3 = System.nanoTime();
            trainer.step();
            for (Pair<String, Parameter> parameter :
                    trainer.getModel().getBlock().getParameters()) {
                wait(parameter.getValue().getArray());
            }
            long t4 = System.nanoTime();
            phases[3] = (t4 - t3) / 1e6;
            NDList inference = trainer.evaluate(new NDList(images));
            wait(inference.singletonOrThrow());
            phases[4] = (System.nanoTime() - t4) / 1e6;
        }
        return phases;
    }

    /** Waits for MXNet's asynchronous engine; PyTorch on the CPU has finished already. */
    private static void wait(NDArray array) {
        if (array instanceof MxNDArray mxnet) {
            mxnet.waitToRead();
        }
    }
}
