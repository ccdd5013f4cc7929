package dev.classify.cli;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns Ctrl-C (SIGINT) during training into a stop request that the training loop reads after each
 * batch, so that the run ends between batches with its last checkpoint whole instead of being
 * killed mid-write. A second Ctrl-C exits at once. {@code sun.misc.Signal} (module {@code
 * jdk.unsupported}) is the only JDK way to handle a signal; close restores the previous handler.
 */
final class InterruptRequest implements AutoCloseable {
    /** The exit code of a run ended by Ctrl-C (128 + SIGINT), as shells report it. */
    static final int EXIT_CODE = 130;

    private final AtomicBoolean requested = new AtomicBoolean();
    private final Signal signal = new Signal("INT");
    private final SignalHandler previous;

    InterruptRequest(PrintStream out) {
        SignalHandler installed;
        try {
            installed =
                    Signal.handle(
                            signal,
                            ignored -> {
                                if (requested.getAndSet(true)) {
                                    System.exit(EXIT_CODE);
                                }
                                out.println();
                                out.println(
                                        "stopping after this batch (Ctrl-C again to quit at"
                                                + " once)");
                            });
        } catch (IllegalArgumentException e) {
            // The JVM reserves SIGINT (e.g. under -Xrs): Ctrl-C then ends the process as usual.
            installed = null;
        }
        this.previous = installed;
    }

    /** Returns whether Ctrl-C was pressed. Thread safe. */
    boolean requested() {
        return requested.get();
    }

    @Override
    public void close() {
        if (previous != null) {
            Signal.handle(signal, previous);
        }
    }
}
