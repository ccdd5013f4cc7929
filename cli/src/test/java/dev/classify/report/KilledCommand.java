package dev.classify.report;

import dev.classify.cli.Main;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code classify} in a JVM that is killed while it replaces a folder: {@code KilledCommand NAME
 * STEP N ARGS...} runs the command line {@code ARGS} and halts the JVM, as {@code kill -9} would,
 * at the {@code N}th {@link AtomicFiles.Step} {@code STEP} of replacing a folder named {@code NAME}
 * ({@code model}, {@code last}, {@code best}), exiting with {@link #HALTED}. In this package for
 * {@link AtomicFiles}' test hook.
 */
public final class KilledCommand {
    /** The exit code of a halted process. */
    public static final int HALTED = 99;

    private KilledCommand() {}

    public static void main(String[] args) {
        String name = args[0];
        AtomicFiles.Step step = AtomicFiles.Step.valueOf(args[1]);
        int occurrence = Integer.parseInt(args[2]);
        AtomicInteger seen = new AtomicInteger();
        AtomicFiles.steps =
                (target, reached) -> {
                    if (target.getFileName().toString().equals(name)
                            && reached == step
                            && seen.incrementAndGet() == occurrence) {
                        Runtime.getRuntime().halt(HALTED);
                    }
                };
        Main.main(Arrays.copyOfRange(args, 3, args.length));
    }
}
