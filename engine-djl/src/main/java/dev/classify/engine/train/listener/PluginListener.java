package dev.classify.engine.train.listener;

import static java.util.Objects.requireNonNull;

import dev.classify.api.BatchProgress;
import dev.classify.api.ConfigurationException;
import dev.classify.api.EpochEnd;
import dev.classify.api.InvalidDataException;
import dev.classify.api.Options;
import dev.classify.api.RunEnd;
import dev.classify.api.RunStart;
import dev.classify.api.TrainingListener;
import dev.classify.api.TrainingListenerProvider;
import dev.classify.engine.config.PluginConfig;
import java.security.CodeSource;
import java.util.Optional;

/**
 * A listener from the configuration's {@code listeners:}, created by its plugin. A failure in it
 * ends the run with a message naming the entry, the plugin's name, class and jar; a {@link
 * ConfigurationException} or {@link InvalidDataException} it throws says what is wrong itself and
 * passes unchanged.
 */
final class PluginListener implements TrainingListener {
    private final String path;
    private final String type;
    private final TrainingListenerProvider provider;
    private final TrainingListener delegate;

    private PluginListener(
            String path,
            String type,
            TrainingListenerProvider provider,
            TrainingListener delegate) {
        this.path = path;
        this.type = type;
        this.provider = provider;
        this.delegate = requireNonNull(delegate, path + ": the listener plugin returned null");
    }

    /** A Guice provider of the listener of entry {@code path} ({@code listeners[i]}). */
    static com.google.inject.Provider<TrainingListener> factory(
            String path, PluginConfig entry, TrainingListenerProvider provider) {
        return () ->
                new PluginListener(
                        path,
                        entry.type(),
                        provider,
                        provider.create(new Options(path, entry.options())));
    }

    @Override
    public void runStarted(RunStart run) {
        call("runStarted", () -> delegate.runStarted(run));
    }

    @Override
    public void batchFinished(BatchProgress progress) {
        call("batchFinished", () -> delegate.batchFinished(progress));
    }

    @Override
    public void epochFinished(EpochEnd epoch) {
        call("epochFinished", () -> delegate.epochFinished(epoch));
    }

    @Override
    public void runFinished(RunEnd run) {
        call("runFinished", () -> delegate.runFinished(run));
    }

    private void call(String method, Runnable call) {
        try {
            call.run();
        } catch (ConfigurationException | InvalidDataException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    path
                            + ": listener '"
                            + type
                            + "' ("
                            + provider.getClass().getName()
                            + jar()
                            + ") failed in "
                            + method
                            + ": "
                            + e,
                    e);
        }
    }

    /** Where the plugin's class comes from, e.g. {@code " in /opt/plugins/json-lines.jar"}. */
    private String jar() {
        return Optional.ofNullable(provider.getClass().getProtectionDomain().getCodeSource())
                .map(CodeSource::getLocation)
                .map(location -> " in " + location.getPath())
                .orElse("");
    }
}
