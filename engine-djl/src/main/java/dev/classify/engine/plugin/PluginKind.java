package dev.classify.engine.plugin;

import dev.classify.api.AugmenterProvider;
import dev.classify.api.DatasetProvider;
import dev.classify.api.ModelProvider;
import dev.classify.api.TrainingListenerProvider;

/** The four kinds of plugin, each one SPI of {@code dev.classify.api}. */
public enum PluginKind {
    /** A {@link ModelProvider}, chosen by {@code model.type}. */
    MODEL("model", "models", ModelProvider.class),
    /** An {@link AugmenterProvider}, chosen by the {@code type} of an augmentation step. */
    AUGMENTER("augmenter", "augmenters", AugmenterProvider.class),
    /** A {@link DatasetProvider}, chosen by the {@code type} of a data source. */
    DATASET("dataset", "datasets", DatasetProvider.class),
    /**
     * A {@link TrainingListenerProvider}, chosen by the {@code type} of a {@code listeners} entry.
     */
    LISTENER("listener", "listeners", TrainingListenerProvider.class);

    private final String label;
    private final String plural;
    private final Class<?> service;

    PluginKind(String label, String plural, Class<?> service) {
        this.label = label;
        this.plural = plural;
        this.service = service;
    }

    /** The kind in messages, e.g. {@code model}. */
    public String label() {
        return label;
    }

    /** The kind in headings, e.g. {@code models}. */
    public String plural() {
        return plural;
    }

    /** The SPI interface a plugin of this kind implements. */
    public Class<?> service() {
        return service;
    }
}
