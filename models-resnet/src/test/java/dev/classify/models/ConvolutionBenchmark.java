package dev.classify.models;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;

/**
 * Times single convolutions through DJL, forward (inference) and forward + backward (recording,
 * then the gradient of the output's sum), on each engine: the simple CNN's two layers and a few
 * ResNet-20 layers, batch 128, to see which shapes an engine's kernels handle slowly. Each timing
 * ends by reading the result (the output; the weight and input gradients) into Java, so that the
 * engine's asynchronous execution is inside it. Not a test; run by hand on an idle machine like
 * {@link StepProfileBenchmark}, with the PyTorch engine's jars ({@code pytorch-engine}, {@code
 * pytorch-jni}, {@code pytorch-native-cpu}) added to the class path. Arguments: engine names
 * (default MXNet and PyTorch).
 */
public final class ConvolutionBenchmark {
    private static final int STEPS = 30;

    /**
     * One convolution: input NCHW, output channels, square kernel, padding, whether dx is needed.
     */
    private record Layer(String name, Shape input, int filters, int kernel, int pad, boolean dx) {}

    private static final Layer[] LAYERS = {
        new Layer("simple-cnn conv1 1->10 k5 28x28", new Shape(128, 1, 28, 28), 10, 5, 0, false),
        new Layer("simple-cnn conv2 10->20 k5 12x12", new Shape(128, 10, 12, 12), 20, 5, 0, true),
        new Layer("padded conv1 1->16 k5 28x28", new Shape(128, 1, 28, 28), 16, 5, 0, false),
        new Layer("padded conv2 10->32 k5 12x12", new Shape(128, 10, 12, 12), 32, 5, 0, true),
        new Layer("padded conv2 16->32 k5 12x12", new Shape(128, 16, 12, 12), 32, 5, 0, true),
        new Layer("resnet20 stem 1->16 k3 28x28", new Shape(128, 1, 28, 28), 16, 3, 1, false),
        new Layer("resnet20 16->16 k3 28x28", new Shape(128, 16, 28, 28), 16, 3, 1, true),
        new Layer("resnet20 32->32 k3 14x14", new Shape(128, 32, 14, 14), 32, 3, 1, true),
        new Layer("resnet20 64->64 k3 7x7", new Shape(128, 64, 7, 7), 64, 3, 1, true),
    };

    private ConvolutionBenchmark() {}

    /** Prints milliseconds per call for each layer and engine. */
    public static void main(String[] args) {
        String[] engines = args.length > 0 ? args : new String[] {"MXNet", "PyTorch"};
        for (String engineName : engines) {
            Engine engine = Engine.getEngine(engineName);
            for (Layer layer : LAYERS) {
                try (NDManager manager = engine.newBaseManager()) {
                    NDArray x = manager.randomNormal(layer.input());
                    NDArray w =
                            manager.randomNormal(
                                    new Shape(
                                            layer.filters(),
                                            layer.input().get(1),
                                            layer.kernel(),
                                            layer.kernel()));
                    NDArray b = manager.zeros(new Shape(layer.filters()));
                    w.setRequiresGradient(true);
                    b.setRequiresGradient(true);
                    if (layer.dx()) {
                        x.setRequiresGradient(true);
                    }
                    double forward = 0;
                    double both = 0;
                    for (int i = 0; i < STEPS + 5; i++) {
                        long start = System.nanoTime();
                        try (NDArray y = forward(x, w, b, layer)) {
                            y.toFloatArray();
                        }
                        long mid = System.nanoTime();
                        try (GradientCollector collector = engine.newGradientCollector();
                                NDArray z = forward(x, w, b, layer);
                                NDArray sum = z.sum()) {
                            collector.backward(sum);
                        }
                        w.getGradient().toFloatArray();
                        if (layer.dx()) {
                            x.getGradient().toFloatArray();
                        }
                        long end = System.nanoTime();
                        if (i >= 5) {
                            forward += (mid - start) / 1e6;
                            both += (end - mid) / 1e6;
                        }
                    }
                    System.out.printf(
                            "%-8s %-36s forward %7.2f ms  forward+backward %7.2f ms%n",
                            engineName, layer.name(), forward / STEPS, both / STEPS);
                }
            }
        }
    }

    private static NDArray forward(NDArray x, NDArray w, NDArray b, Layer layer) {
        NDList out =
                Conv2d.conv2d(
                        x,
                        w,
                        b,
                        new Shape(1, 1),
                        new Shape(layer.pad(), layer.pad()),
                        new Shape(1, 1),
                        1);
        return out.singletonOrThrow();
    }
}
