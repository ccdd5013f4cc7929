package dev.classify.spark;

import dev.classify.engine.embed.ImageClassifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link ImageClassifier} per JVM and model: loaded by the first task that needs it (the model
 * copied to local disk first when it is remote, see {@link ModelFolder}) and shared by every task
 * the JVM runs afterwards, for the JVM's lifetime. The classifier runs one batch at a time on its
 * own thread, with the engine's threads over the executor's cores, while the tasks decode their
 * next images. Thread safe.
 */
final class ExecutorClassifiers {
    private static final Map<List<String>, ImageClassifier> LOADED = new ConcurrentHashMap<>();

    private ExecutorClassifiers() {}

    /**
     * Returns this JVM's classifier for {@code model} with the plugins of {@code pluginDirectory}
     * (null for the class path's), loading it on first use.
     *
     * @throws dev.classify.api.InvalidDataException when the model is missing or broken, or needs a
     *     plugin that is not installed
     */
    static ImageClassifier get(String model, String pluginDirectory, HadoopSettings hadoop) {
        List<String> key = java.util.Arrays.asList(model, pluginDirectory);
        ImageClassifier classifier = LOADED.get(key);
        if (classifier != null) {
            return classifier;
        }
        synchronized (ExecutorClassifiers.class) {
            return LOADED.computeIfAbsent(key, unused -> load(model, pluginDirectory, hadoop));
        }
    }

    private static ImageClassifier load(
            String model, String pluginDirectory, HadoopSettings hadoop) {
        Path folder;
        try {
            folder = ModelFolder.local(model, hadoop.configuration());
        } catch (IOException e) {
            throw new UncheckedIOException(model + ": cannot copy the model (" + e + ")", e);
        }
        return ImageClassifier.load(
                folder, pluginDirectory == null ? null : Path.of(pluginDirectory));
    }
}
