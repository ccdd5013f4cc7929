package dev.classify.engine.train.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link BatchPrefetch}: items in order, prepared by one thread ahead of the consumer; failures
 * reach the consumer as thrown; closing ends the thread and closes what was not taken.
 */
public final class BatchPrefetchTest {
    /** An item that records its index, the thread that made it and whether it was closed. */
    private static final class Item implements AutoCloseable {
        final int index;
        final String thread = Thread.currentThread().getName();
        volatile boolean closed;

        Item(int index) {
            this.index = index;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void preparesEveryItemInOrderOnItsOwnThread() {
        List<Item> made = Collections.synchronizedList(new ArrayList<>());
        try (BatchPrefetch<Item> prefetch = new BatchPrefetch<>(2, 10, i -> add(made, i))) {
            for (int i = 0; i < 10; i++) {
                Item item = prefetch.next();
                assertThat(item.index).isEqualTo(i);
                assertThat(item.thread).isEqualTo(BatchPrefetch.THREAD_NAME);
            }
            assertThatThrownBy(prefetch::next).isInstanceOf(NoSuchElementException.class);
        }
        assertThat(made)
                .extracting(item -> item.index)
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertNoPrefetchThread();
    }

    @Test
    void withNothingAheadPreparesOnTheConsumersThreadWhenAsked() {
        List<Item> made = Collections.synchronizedList(new ArrayList<>());
        try (BatchPrefetch<Item> prefetch = new BatchPrefetch<>(0, 3, i -> add(made, i))) {
            assertThat(made).isEmpty();
            assertThat(prefetch.next().thread).isEqualTo(Thread.currentThread().getName());
            assertThat(made).hasSize(1);
        }
    }

    @Test
    void staysAtMostTheGivenNumberAhead() throws InterruptedException {
        List<Item> made = Collections.synchronizedList(new ArrayList<>());
        try (BatchPrefetch<Item> prefetch = new BatchPrefetch<>(2, 10, i -> add(made, i))) {
            prefetch.next();
            Thread.sleep(200);
            // One taken, two in the queue, one prepared and waiting to be put.
            assertThat(made.size()).isBetween(3, 4);
        }
    }

    @Test
    void takesNoMoreRoomThanItemsHowEverFarAheadItIsAsked() {
        // Found by a tester: train.prefetch 2147483647 ran out of memory allocating the queue.
        List<Item> made = Collections.synchronizedList(new ArrayList<>());
        try (BatchPrefetch<Item> prefetch =
                new BatchPrefetch<>(Integer.MAX_VALUE, 3, i -> add(made, i))) {
            for (int i = 0; i < 3; i++) {
                assertThat(prefetch.next().index).isEqualTo(i);
            }
        }
        assertNoPrefetchThread();
    }

    @Test
    void throwsWhatPreparingThrewAsItsOwnAndEndsTheThread() {
        IllegalStateException failure = new IllegalStateException("augment.train[0]: boom");
        try (BatchPrefetch<Item> prefetch =
                new BatchPrefetch<>(
                        2,
                        5,
                        i -> {
                            if (i == 2) {
                                throw failure;
                            }
                            return new Item(i);
                        })) {
            prefetch.next();
            prefetch.next();
            assertThat(catchThrowable(prefetch::next)).isSameAs(failure);
        }
        assertNoPrefetchThread();
    }

    @Test
    void closingEarlyClosesTheItemsNotTakenAndEndsTheThread() throws InterruptedException {
        List<Item> made = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch preparing = new CountDownLatch(1);
        BatchPrefetch<Item> prefetch =
                new BatchPrefetch<>(
                        3,
                        100,
                        i -> {
                            if (i == 4) {
                                preparing.countDown();
                            }
                            return add(made, i);
                        });
        Item first = prefetch.next();
        assertThat(preparing.await(10, TimeUnit.SECONDS)).isTrue();

        prefetch.close();

        assertNoPrefetchThread();
        assertThat(first.closed).isFalse();
        assertThat(made.subList(1, made.size())).allMatch(item -> item.closed);
        assertThat(made.size()).isLessThan(100);
    }

    private static Item add(List<Item> made, int index) {
        Item item = new Item(index);
        made.add(item);
        return item;
    }

    /** No thread of the prefetch is left running. */
    public static void assertNoPrefetchThread() {
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(
                        thread ->
                                thread.getName().equals(BatchPrefetch.THREAD_NAME)
                                        && thread.isAlive());
    }
}
