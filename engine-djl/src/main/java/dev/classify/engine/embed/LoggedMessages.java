package dev.classify.engine.embed;

import dev.classify.engine.train.RunListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's messages for a person (the engine, what trains on what, files written) sent to the log
 * of an embedding application instead of a console; its progress goes to the application's own
 * {@link dev.classify.api.TrainingListener}.
 */
final class LoggedMessages implements RunListener {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);

    @Override
    public void started(String summary) {
        LOG.info("{}", summary);
    }

    @Override
    public void message(String text) {
        LOG.info("{}", text);
    }
}
