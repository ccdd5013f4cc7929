package dev.classify.spark;

import dev.classify.engine.embed.ImageClassifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link ImageClassifier} per JVM and model (or ensemble of models): loaded by the first task
 * that needs it (the model copied to local disk first when it is remote, see {@link ModelFolder})
 * and shared by every task the JVM runs afterwards, for the JVM's lifetime. The classifier runs one
 * batch at a time on its own thread, with the engine's threads over the executor's cores, while the
 * tasks decode their next images. Thread safe.
 */
final class ExecutorClassifiers {
    private static final Map<List<Object>, ImageClassifier> LOADED = new ConcurrentHashMap<>();

    private ExecutorClassifiers() {}

    /**
     * Returns this JVM's classifier for {@code models} (one model, or several as an ensemble that
     * averages their class probabilities, see {@link ImageClassifier#loadEnsemble}) with the
     * plugins of {@code pluginDirectory} (null for the class path's), loading it on first use.
     *
     * @throws dev.classify.api.InvalidDataException when a model is missing or broken, needs a
     *     plugin that is not installed, or has other classes or image shape than the first
     */
    static ImageClassifier get(List<String> models, String pluginDirectory, HadoopSettings hadoop) {
        List<Object> key = java.util.Arrays.asList(models, pluginDirectory);
        ImageClassifier classifier = LOADED.get(key);
        if (classifier != null) {
            return classifier;
        }
        synchronized (ExecutorClassifiers.class) {
            return LOADED.computeIfAbsent(key, unused -> load(models, pluginDirectory, hadoop));
        }
    }

    private static ImageClassifier load(
            List<String> models, String pluginDirectory, HadoopSettings hadoop) {
        List<Path> folders = new ArrayList<>(models.size());
        for (String model : models) {
            try {
                folders.add(ModelFolder.local(model, hadoop.configuration()));
            } catch (IOException e) {
                throw new UncheckedIOException(model + ": cannot copy the model (" + e + ")", e);
            }
        }
        return ImageClassifier.loadEnsemble(
                folders, pluginDirectory == null ? null : Path.of(pluginDirectory));
    }
}
