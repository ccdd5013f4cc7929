package dev.classify.cli;

import dev.classify.api.ConfigurationException;
import dev.classify.api.InvalidDataException;
import dev.classify.engine.Classify;
import dev.classify.engine.config.PipelineConfig;
import dev.classify.engine.train.PreparedRun;
import dev.classify.engine.train.RunInterruptedException;
import dev.classify.engine.train.RunResult;
import dev.classify.report.RunFiles;
import dev.classify.report.RunFolderLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code classify train}: trains as a configuration says and writes a run folder. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Trains a classifier and writes a run folder.",
            "Trains as a YAML configuration describes and writes a run folder (config.yaml, "
                    + "metrics.csv, model/, checkpoints/, submission.csv, train.log). Without --config, "
                    + "trains the quick-start example on the embedded Fashion-MNIST subset. With "
                    + "--resume RUN_DIR, continues a run from its checkpoints/last (after Ctrl-C, or "
                    + "with --set train.epochs=N to train longer). Ctrl-C stops after the current "
                    + "batch; the unfinished epoch is dropped and the exit code is 130."
        })
final class TrainCommand implements Callable<Integer> {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "The YAML configuration (default: examples/quickstart.yaml).")
    Path config;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "Overrides a configuration key, e.g. --set train.epochs=3 (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(
            names = "--output",
            paramLabel = "DIR",
            description = "The run folder (default: output.dir, else runs/<config name>).")
    Path output;

    @Option(
            names = "--resume",
            paramLabel = "RUN_DIR",
            description =
                    "Continues the run in RUN_DIR with its config.yaml (and any --set) from its last"
                            + " finished epoch.")
    Path resume;

    @Option(
            names = "--engine",
            paramLabel = "NAME",
            description =
                    "The DJL engine: MXNet or PyTorch (default: the configuration's engine, else"
                            + " MXNet); the same as --set engine=NAME.")
    String engine;

    @Mixin PluginsOption plugins;

    @Override
    public Integer call() throws IOException {
        if (engine != null) {
            overrides.add("engine=" + engine);
        }
        if (resume != null) {
            return resume();
        }
        Path configFile = config != null ? config : Home.quickStartConfig();
        Classify root = plugins.root();
        PipelineConfig pipelineConfig = root.configurationLoader().load(configFile, overrides);
        // Ctrl-C is ours from before the run folder exists: pressed while the data loads, the JVM's
        // default handler would end the process and leave the folder with train.log in it, which
        // then refuses the same --output.
        try (InterruptRequest interrupt = new InterruptRequest(System.out);
                RunDirectory run =
                        RunDirectory.create(
                                pipelineConfig.output(), output, RunDirectory.nameOf(configFile))) {
            if (!run.replaced().isEmpty()) {
                System.out.println(
                        "note: "
                                + run.path()
                                + " held only the start of a run stopped before its first epoch"
                                + " ended ("
                                + UnfinishedStart.names(run.replaced())
                                + "); replacing it");
            }
            // Before the first logger exists: DJL's messages then go to the run's log, not the
            // console.
            Logging.toFile(run.path().resolve(RunFiles.TRAIN_LOG));
            return train(root, pipelineConfig, run, interrupt);
        }
    }

    private int train(
            Classify root,
            PipelineConfig pipelineConfig,
            RunDirectory run,
            InterruptRequest interrupt)
            throws IOException {
        try {
            PreparedRun prepared = root.prepare(pipelineConfig);
            if (interrupt.requested()) {
                run.removeUnfinished();
                System.out.println("interrupted before training started; train again");
                return InterruptRequest.EXIT_CODE;
            }
            ConsoleReporter console = new ConsoleReporter(System.out, interrupt::requested);
            RunResult result = root.train(prepared, run.path(), console);
            console.finished(result);
            return 0;
        } catch (RunInterruptedException e) {
            if (e.bestEpoch() == 0) {
                // Nothing to resume from: "train again" must work with the same --output.
                run.removeUnfinished();
            }
            return interrupted(e, run.path());
        } catch (ConfigurationException | InvalidDataException e) {
            // Bad input found before an epoch ended leaves nothing behind; internal errors keep
            // the log for the bug report.
            run.removeUnfinished();
            throw e;
        }
    }

    private int resume() throws IOException {
        if (config != null || output != null) {
            throw new UsageException(
                    "--resume continues a run with its own config.yaml in its own folder; give it"
                            + " without --config and --output (change settings with --set)");
        }
        Path configFile = resume.resolve(RunFiles.CONFIG);
        if (!Files.isRegularFile(configFile)) {
            checkStarted(resume, true);
            throw new UsageException(
                    resume
                            + ": not a run folder (no config.yaml); give a folder written by"
                            + " 'classify train'");
        }
        try (RunFolderLock lock = lockToResume(resume)) {
            RunRepair.say(lock.repair(), System.out);
            checkStarted(resume, false);
            return resume(configFile);
        }
    }

    private int resume(Path configFile) throws IOException {
        Classify root = plugins.root();
        PipelineConfig pipelineConfig = root.configurationLoader().load(configFile, overrides);
        // The simple logger truncates its file: a resumed run keeps the earlier logs.
        Path log = resume.resolve("train-resumed.log");
        for (int i = 2; Files.exists(log); i++) {
            log = resume.resolve("train-resumed-" + i + ".log");
        }
        Logging.toFile(log, WriteFailure.RESUME_FIX);
        Path metrics = resume.resolve(RunFiles.METRICS);
        long metricsSize = sizeOf(metrics);
        try (InterruptRequest interrupt = new InterruptRequest(System.out)) {
            PreparedRun prepared = root.prepareResume(pipelineConfig);
            if (interrupt.requested()) {
                Files.deleteIfExists(log);
                System.out.println("interrupted before training resumed; the run is as it was");
                return InterruptRequest.EXIT_CODE;
            }
            ConsoleReporter console = new ConsoleReporter(System.out, interrupt::requested);
            RunResult result = root.resume(prepared, resume, console);
            console.finished(result);
            return 0;
        } catch (RunInterruptedException e) {
            return interrupted(e, resume);
        } catch (ConfigurationException | InvalidDataException e) {
            // A refused resume (finished run, another network, bad data) leaves the run folder as
            // it was, without even a log of the attempt; one that trained epochs keeps its log.
            if (sizeOf(metrics) == metricsSize) {
                Files.deleteIfExists(log);
            }
            throw e;
        }
    }

    /** The lock of the run folder {@code runDirectory}, held while the run is resumed. */
    private static RunFolderLock lockToResume(Path runDirectory) {
        return RunDirectory.tryLock(runDirectory, WriteFailure.RESUME_FIX)
                .orElseThrow(() -> RunDirectory.busy(runDirectory, "wait for it to end"));
    }

    /**
     * Refuses to resume a run that was stopped before its first checkpoint: there is nothing to
     * resume, and training again replaces it.
     */
    private static void checkStarted(Path runDirectory, boolean leftoversAllowed)
            throws IOException {
        if (Files.isDirectory(runDirectory)
                && UnfinishedStart.entries(runDirectory, leftoversAllowed)
                        .filter(entries -> !entries.isEmpty())
                        .isPresent()) {
            throw new UsageException(
                    runDirectory
                            + ": nothing to resume: the run was stopped before its first epoch"
                            + " ended (no checkpoint); train again with the same command and"
                            + " --output, which replaces it");
        }
    }

    /** The size of {@code file} in bytes, 0 when it does not exist. */
    private static long sizeOf(Path file) throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }

    private static int interrupted(RunInterruptedException e, Path runDirectory) {
        System.out.println();
        if (e.bestEpoch() == 0) {
            System.out.println(
                    "interrupted in epoch "
                            + e.epoch()
                            + " before any epoch finished; train again");
        } else {
            System.out.println(
                    e.getMessage() + "; continue with ./classify train --resume " + runDirectory);
        }
        return InterruptRequest.EXIT_CODE;
    }
}
