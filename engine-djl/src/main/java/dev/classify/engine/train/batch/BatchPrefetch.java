package dev.classify.engine.train.batch;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares items 0..count-1 in order on a thread of its own, at most {@code ahead} of the one the
 * consumer takes, so that preparing the next training batches overlaps the training step; with
 * {@code ahead} 0 each is prepared by {@link #next} on the consumer's thread. Either way the items
 * are prepared one after another in index order by one thread, so a preparation that draws from a
 * random generator draws what it would draw without prefetching.
 *
 * <p>An exception thrown while preparing is thrown by the {@link #next} that would have returned
 * the item (the same exception object, so the same message). {@link #close} stops the thread, waits
 * for it and closes every item prepared but not taken: call it when the consumer is done or gives
 * up (an interrupted epoch, an exception in the step). The thread is a daemon thread, named {@code
 * classify-prefetch}. One consumer thread; not thread safe otherwise.
 *
 * @param <T> what is prepared; the consumer closes what {@link #next} returns
 */
public final class BatchPrefetch<T extends AutoCloseable> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchPrefetch.class);

    /** The name of the preparing thread. */
    public static final String THREAD_NAME = "classify-prefetch";

    /** What the preparing thread hands over instead of an item when preparing it threw. */
    private record Failure(Throwable thrown) {}

    private final int count;
    private final IntFunction<T> prepare;
    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private volatile boolean stopped;
    private int taken;

    /**
     * Starts preparing (on a thread when {@code ahead} is positive).
     *
     * @param ahead items prepared ahead of the consumer, at least 0
     * @param count the number of items, at least 0
     * @param prepare makes item i; called in index order from one thread
     */
    public BatchPrefetch(int ahead, int count, IntFunction<T> prepare) {
        if (ahead < 0 || count < 0) {
            throw new IllegalArgumentException("ahead and count must be >= 0");
        }
        this.count = count;
        this.prepare = requireNonNull(prepare, "prepare is null");
        if (ahead == 0 || count == 0) {
            this.queue = null;
            this.thread = null;
        } else {
            // Never more room than items: train.prefetch 2147483647 must not allocate its array.
            this.queue = new ArrayBlockingQueue<>(Math.min(ahead, count));
            this.thread = new Thread(this::produce, THREAD_NAME);
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * Returns the next item, waiting for it to be prepared.
     *
     * @throws java.util.NoSuchElementException after {@code count} items
     * @throws RuntimeException or {@link Error} what preparing the item threw
     * @throws IllegalStateException when the waiting thread is interrupted (its interrupt flag is
     *     set again)
     */
    public T next() {
        if (taken >= count) {
            throw new java.util.NoSuchElementException("all " + count + " items were taken");
        }
        int index = taken++;
        if (thread == null) {
            return prepare.apply(index);
        }
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for training batch", e);
        }
        if (item instanceof Failure failure) {
            throw rethrow(failure.thrown());
        }
        @SuppressWarnings("unchecked")
        T result = (T) item;
        return result;
    }

    /** Stops preparing, waits for the thread to end and closes the items not taken. */
    @Override
    public void close() {
        if (thread == null) {
            return;
        }
        stopped = true;
        thread.interrupt();
        try {
            // A preparation in native code does not see the interrupt: wait for it to end.
            thread.join(TimeUnit.MINUTES.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("the batch prefetch thread did not end within a minute; left running");
        }
        for (Object item = queue.poll(); item != null; item = queue.poll()) {
            closeQuietly(item);
        }
    }

    private void produce() {
        for (int i = 0; i < count && !stopped; i++) {
            Object item;
            try {
                item = prepare.apply(i);
            } catch (Throwable e) {
                // Handed over, not lost: the consumer throws it when it reaches this item.
                item = new Failure(e);
            }
            try {
                queue.put(item);
            } catch (InterruptedException e) {
                closeQuietly(item);
                return;
            }
            if (item instanceof Failure) {
                return;
            }
        }
    }

    private static void closeQuietly(Object item) {
        if (item instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("cannot close a prefetched item", e);
            }
        }
    }

    private static RuntimeException rethrow(Throwable thrown) {
        if (thrown instanceof RuntimeException runtime) {
            return runtime;
        }
        if (thrown instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(thrown.getMessage(), thrown);
    }
}
