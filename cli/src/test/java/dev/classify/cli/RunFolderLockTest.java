package dev.classify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.classify.engine.config.OutputConfig;
import dev.classify.report.RunFolderLock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One training per run folder: two trainings into one {@code --output} used to pass the emptiness
 * check together, both exit 0, and one's results were silently lost. The run folder's lock is taken
 * with the folder and held for the run, {@code --resume} included.
 */
final class RunFolderLockTest {
    private static final int ROUNDS = 20;

    @TempDir Path folder;

    private final StringWriter err = new StringWriter();

    @Test
    void twoRunsRacingForOneFolderGetItOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Path run = folder.resolve("race-" + round);
            CyclicBarrier start = new CyclicBarrier(2);
            List<RunDirectory> taken = Collections.synchronizedList(new ArrayList<>());
            List<String> refused = Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Thread thread =
                        new Thread(
                                () -> {
                                    try {
                                        start.await();
                                        taken.add(
                                                RunDirectory.create(
                                                        new OutputConfig(null), run, "race"));
                                    } catch (UsageException e) {
                                        refused.add(e.getMessage());
                                    } catch (Exception e) {
                                        refused.add("unexpected: " + e);
                                    }
                                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            }
            try {
                assertThat(taken).as("round %d: %s", round, refused).hasSize(1);
                assertThat(refused)
                        .singleElement()
                        .asString()
                        .startsWith(run + ": another classify train is writing this run folder")
                        .endsWith("; wait for it to end or choose another --output");
            } finally {
                taken.forEach(RunDirectory::close);
            }
        }
    }

    @Test
    void aFolderLockedByAnotherProcessIsRefusedForTrainingAndResuming() throws Exception {
        Path run = Files.createDirectories(folder.resolve("run"));
        Path config = CommandProcess.oneEpochConfig(folder.resolve("one-epoch.yaml"));
        Process holder =
                CommandProcess.startMain(
                        folder.resolve("holder.txt"),
                        HoldRunFolderLock.class.getName(),
                        run.toString());
        try {
            awaitLocked(holder, folder.resolve("holder.txt"));
            String busy =
                    run
                            + ": another classify train is writing this run folder (process "
                            + holder.pid()
                            + "); ";

            assertThat(run("train", "--config", config.toString(), "--output", run.toString()))
                    .isEqualTo(2);
            assertThat(err.toString())
                    .isEqualTo(
                            "classify: "
                                    + busy
                                    + "wait for it to end or choose another --output\n");

            err.getBuffer().setLength(0);
            Files.copy(config, run.resolve("config.yaml"));
            assertThat(run("train", "--resume", run.toString())).isEqualTo(2);
            assertThat(err.toString()).isEqualTo("classify: " + busy + "wait for it to end\n");
        } finally {
            holder.destroyForcibly();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
        // The holder is gone: its lock with it.
        assertThat(RunFolderLock.tryLock(run)).isPresent().get().satisfies(RunFolderLock::close);
    }

    private static void awaitLocked(Process holder, Path console) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && holder.isAlive()) {
            if (Files.readString(console, StandardCharsets.UTF_8)
                    .contains(HoldRunFolderLock.LOCKED)) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError(
                "the holder did not lock: " + Files.readString(console, StandardCharsets.UTF_8));
    }

    private int run(String... args) {
        return Main.run(new PrintWriter(err, true), args);
    }
}
