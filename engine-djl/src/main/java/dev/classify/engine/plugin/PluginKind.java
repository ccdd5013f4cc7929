package dev.classify.engine.plugin;

import dev.classify.api.AugmenterProvider;
import dev.classify.api.DatasetProvider;
import dev.classify.api.ModelProvider;
import dev.classify.api.TrainingListenerProvider;

/** The four kinds of plugin, each one SPI of {@code dev.classify.api}. */
public enum PluginKind {
    /** A {@link ModelProvider}, chosen by {@code model.type}. */
    MODEL("model", "models"),
    /** An {@link AugmenterProvider}, chosen by the {@code type} of an augmentation step. */
    AUGMENTER("augmenter", "augmenters"),
    /** A {@link DatasetProvider}, chosen by the {@code type} of a data source. */
    DATASET("dataset", "datasets"),
    /**
     * A {@link TrainingListenerProvider}, chosen by the {@code type} of a {@code listeners} entry.
     */
    LISTENER("listener", "listeners");

    private final String label;
    private final String plural;

    PluginKind(String label, String plural) {
        this.label = label;
        this.plural = plural;
    }

    /** The kind in messages, e.g. {@code model}. */
    public String label() {
        return label;
    }

    /** The kind in headings, e.g. {@code models}. */
    public String plural() {
        return plural;
    }
}
