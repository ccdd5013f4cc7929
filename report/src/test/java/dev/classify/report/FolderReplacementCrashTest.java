package dev.classify.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A process killed at every step of replacing a run's {@code model/} (a child JVM halting itself,
 * as {@code kill -9} ends it): the repair afterwards leaves one whole folder, the new one once it
 * was complete and committed, else the old one, and no leftover. (Renaming the old folder away and
 * then the new one in used to leave neither under the folder's name.)
 */
final class FolderReplacementCrashTest {
    @TempDir Path run;

    @ParameterizedTest
    @ValueSource(strings = {"CONTENT", "WRITTEN", "COMMITTED", "MOVED_AWAY", "MOVED_IN"})
    void aKilledReplacementIsRepairedIntoOneWholeFolder(String step) throws Exception {
        Path model = run.resolve(RunFiles.MODEL);
        Files.createDirectories(model);
        Files.writeString(model.resolve("a.txt"), "old");
        Files.writeString(model.resolve("b.txt"), "old");

        assertThat(crash(model, step)).isEqualTo(ReplacementCrash.HALTED);
        assertThat(RunFolderLock.needsRepair(run)).isTrue();

        List<Path> changed = RunFolderLock.repairIfIdle(run);

        boolean committed = !step.equals("CONTENT") && !step.equals("WRITTEN");
        String expected = committed ? "new" : "old";
        assertThat(Files.readString(model.resolve("a.txt"))).isEqualTo(expected);
        assertThat(Files.readString(model.resolve("b.txt"))).isEqualTo(expected);
        assertThat(changed)
                .isEqualTo(step.equals("MOVED_IN") || !committed ? List.of() : List.of(model));
        assertThat(names(run)).containsExactlyInAnyOrder(RunFiles.MODEL, RunFiles.LOCK);
        assertThat(RunFolderLock.needsRepair(run)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"CONTENT", "WRITTEN", "COMMITTED", "MOVED_IN"})
    void aKilledFirstWriteLeavesTheWholeFolderOrNone(String step) throws Exception {
        Path last = run.resolve(RunFiles.CHECKPOINTS).resolve(RunFiles.LAST_CHECKPOINT);

        assertThat(crash(last, step)).isEqualTo(ReplacementCrash.HALTED);
        RunFolderLock.repairIfIdle(run);

        if (step.equals("CONTENT") || step.equals("WRITTEN")) {
            assertThat(last).doesNotExist();
        } else {
            assertThat(Files.readString(last.resolve("b.txt"))).isEqualTo("new");
        }
        assertThat(names(last.getParent()))
                .isEqualTo(Files.exists(last) ? List.of(RunFiles.LAST_CHECKPOINT) : List.of());
    }

    @Test
    void leftoversOfAnEarlierVersionGiveTheOldFolderBack() throws Exception {
        // Before the commit step: the old folder renamed away and the new one, complete or not,
        // under its temporary name.
        Path best = run.resolve(RunFiles.CHECKPOINTS).resolve(RunFiles.BEST_CHECKPOINT);
        Path old = Files.createDirectories(best.resolveSibling(".best.old-4965553493838"));
        Files.writeString(old.resolve("state.json"), "old");
        Files.createDirectories(best.resolveSibling(".best.tmp-4965546494730"));

        assertThat(RunFolderLock.repairIfIdle(run)).containsExactly(best);

        assertThat(Files.readString(best.resolve("state.json"))).isEqualTo("old");
        assertThat(names(best.getParent())).containsExactly(RunFiles.BEST_CHECKPOINT);
    }

    @Test
    void aTrainingHoldingTheLockIsLeftAlone() throws Exception {
        Path model = run.resolve(RunFiles.MODEL);
        assertThat(crash(model, "WRITTEN")).isEqualTo(ReplacementCrash.HALTED);

        try (RunFolderLock lock = RunFolderLock.tryLock(run).orElseThrow()) {
            assertThat(RunFolderLock.repairIfIdle(run)).isEmpty();
            assertThat(RunFolderLock.needsRepair(run)).isTrue();
        }
    }

    /** Runs {@link ReplacementCrash} and returns its exit code. */
    private static int crash(Path target, String step) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ReplacementCrash.class.getName());
        command.add(target.toString());
        command.add(step);
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
