package dev.classify.cli;

import com.google.inject.Injector;
import dev.classify.api.ConfigurationException;
import dev.classify.api.InvalidDataException;
import dev.classify.api.config.PipelineConfig;
import dev.classify.engine.ConfigurationLoader;
import dev.classify.engine.PreparedRun;
import dev.classify.engine.RunResult;
import dev.classify.engine.TrainingPipeline;
import java.io.IOException;
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
            "Trains a classifier as a YAML configuration describes and writes a run folder",
            "(config.yaml, metrics.csv, model/, submission.csv, train.log).",
            "Without --config, trains the quick-start example on the embedded Fashion-MNIST subset."
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

    @Mixin PluginsOption plugins;

    @Override
    public Integer call() throws IOException {
        Path configFile = config != null ? config : Home.quickStartConfig();
        Injector injector = plugins.injector();
        PipelineConfig pipelineConfig =
                injector.getInstance(ConfigurationLoader.class).load(configFile, overrides);
        RunDirectory run =
                RunDirectory.create(
                        pipelineConfig.output(), output, RunDirectory.nameOf(configFile));
        // Before the first logger exists: DJL's messages then go to the run's log, not the console.
        Logging.toFile(run.path().resolve("train.log"));
        try {
            TrainingPipeline pipeline = injector.getInstance(TrainingPipeline.class);
            PreparedRun prepared = pipeline.prepare(pipelineConfig);
            ConsoleReporter console = new ConsoleReporter(System.out);
            RunResult result = pipeline.run(prepared, run.path(), console);
            console.finished(result);
            return 0;
        } catch (ConfigurationException | InvalidDataException e) {
            // Bad input found before an epoch ended leaves nothing behind; internal errors keep
            // the log for the bug report.
            run.removeUnfinished();
            throw e;
        }
    }
}
