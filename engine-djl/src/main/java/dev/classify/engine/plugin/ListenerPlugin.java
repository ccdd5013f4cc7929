package dev.classify.engine.plugin;

import static java.util.Objects.requireNonNull;

import dev.classify.api.BatchProgress;
import dev.classify.api.EpochEnd;
import dev.classify.api.Options;
import dev.classify.api.RunEnd;
import dev.classify.api.RunStart;
import dev.classify.api.TrainingListener;
import dev.classify.api.TrainingListenerProvider;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A {@link TrainingListenerProvider} called through a {@link PluginCall}, knowing its {@link
 * PluginOrigin}. The listeners it creates are called through it too: every event runs with the
 * plugin's context class loader, and a failure names the plugin.
 */
final class ListenerPlugin extends DecoratedProvider implements TrainingListenerProvider {
    private final TrainingListenerProvider delegate;

    private ListenerPlugin(TrainingListenerProvider delegate, Optional<Path> jar) {
        super(
                PluginCall.discover(PluginKind.LISTENER, delegate, delegate::name, jar),
                delegate::description,
                delegate::options);
        this.delegate = delegate;
    }

    /** Returns {@code provider} wrapped, found in {@code jar} (empty: the class path). */
    static TrainingListenerProvider of(TrainingListenerProvider provider, Optional<Path> jar) {
        return provider instanceof ListenerPlugin ? provider : new ListenerPlugin(provider, jar);
    }

    @Override
    public TrainingListener create(Options options) {
        TrainingListener listener = call.create(options, () -> delegate.create(options));
        if (listener == null) {
            throw new PluginException(origin().describe() + " returned no listener", null);
        }
        return new CalledListener(call, listener);
    }

    /** A plugin's listener whose every event is a {@link PluginCall}. */
    private static final class CalledListener implements TrainingListener {
        private final PluginCall call;
        private final TrainingListener delegate;

        CalledListener(PluginCall call, TrainingListener delegate) {
            this.call = requireNonNull(call, "call is null");
            this.delegate = requireNonNull(delegate, "delegate is null");
        }

        @Override
        public void runStarted(RunStart run) {
            call.call("runStarted", () -> run(() -> delegate.runStarted(run)));
        }

        @Override
        public void batchFinished(BatchProgress progress) {
            call.call("batchFinished", () -> run(() -> delegate.batchFinished(progress)));
        }

        @Override
        public void epochFinished(EpochEnd epoch) {
            call.call("epochFinished", () -> run(() -> delegate.epochFinished(epoch)));
        }

        @Override
        public void runFinished(RunEnd run) {
            call.call("runFinished", () -> run(() -> delegate.runFinished(run)));
        }

        private static Void run(Runnable event) {
            event.run();
            return null;
        }
    }
}
