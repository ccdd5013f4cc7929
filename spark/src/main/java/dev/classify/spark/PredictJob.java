package dev.classify.spark;

import dev.classify.api.ConfigurationException;
import dev.classify.api.InvalidDataException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The job {@code spark-submit} runs ({@code --class dev.classify.spark.PredictJob}) and {@code
 * ./classify-spark} runs on a local Spark: {@code predict --model M --images PATH --output DIR}.
 * Exit codes as {@code classify}'s: 0 success (rows that failed are counted, not fatal), 2 bad
 * usage or bad input (one line on stderr, before any task runs), 1 internal error; {@code
 * --verbose} adds stack traces.
 */
@Command(
        name = "classify-spark",
        mixinStandardHelpOptions = true,
        version = "classify-spark 0.1.0",
        description = "Predicts with a classify model on Apache Spark.",
        subcommands = {PredictCommand.class})
public final class PredictJob implements Runnable {
    /** Exit code for bad usage or bad input. */
    static final int BAD_INPUT = 2;

    @Option(
            names = "--verbose",
            scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean verbose;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give a command: predict");
    }

    /** Runs the job and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.err, true), args));
    }

    /** Runs the job with messages going to {@code err}; returns the exit code. */
    static int run(PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new PredictJob());
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(PredictJob::handle);
        commandLine.setParameterExceptionHandler(PredictJob::handleUsage);
        commandLine.setUsageHelpAutoWidth(true);
        return commandLine.execute(args);
    }

    private static int handleUsage(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("classify-spark: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println(
                "classify-spark: see '"
                        + e.getCommandLine().getCommandSpec().qualifiedName()
                        + " --help'");
        err.flush();
        return BAD_INPUT;
    }

    private static int handle(
            Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        boolean verbose =
                parseResult.hasMatchedOption("--verbose")
                        || parseResult.subcommands().stream()
                                .anyMatch(p -> p.hasMatchedOption("--verbose"));
        boolean badInput =
                e instanceof ConfigurationException
                        || e instanceof InvalidDataException
                        || e instanceof UsageException;
        if (e instanceof ConfigurationException configuration) {
            configuration.problems().forEach(p -> err.println("classify-spark: " + p));
        } else if (badInput) {
            err.println("classify-spark: " + e.getMessage());
        } else {
            String text = String.valueOf(e);
            int newline = text.indexOf('\n');
            err.println(
                    "classify-spark: internal error: "
                            + (newline < 0 || verbose ? text : text.substring(0, newline)));
            if (!verbose) {
                err.println("classify-spark: run again with --verbose for the stack trace");
            }
        }
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return badInput ? BAD_INPUT : 1;
    }
}
