package dev.classify.engine.embed;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The one thread that runs a classifier's model: MXNet must not be called from several threads at
 * once, so every call into the model waits for its turn here, in order of arrival. Thread safe.
 */
final class InferenceWorker {
    private final ExecutorService executor =
            Executors.newSingleThreadExecutor(
                    task -> {
                        Thread thread = new Thread(task, "classify-inference");
                        thread.setDaemon(true);
                        return thread;
                    });

    /**
     * Runs {@code task} on the worker thread and waits, rethrowing what it threw.
     *
     * @throws IllegalStateException when interrupted while waiting, or the task threw a checked
     *     exception
     */
    <T> T call(Callable<T> task) {
        Future<T> future = executor.submit(task);
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the classifier", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Lets the calls already waiting finish, then ends the thread. */
    void shutdown() {
        executor.shutdown();
    }
}
