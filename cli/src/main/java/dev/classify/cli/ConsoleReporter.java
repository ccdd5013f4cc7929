package dev.classify.cli;

import dev.classify.engine.EpochMetrics;
import dev.classify.engine.RunListener;
import dev.classify.engine.RunResult;
import java.io.PrintStream;
import java.util.Locale;

/** Shows a training run to a person: what trains, one line per epoch, where the results are. */
final class ConsoleReporter implements RunListener {
    private final PrintStream out;
    private final boolean interactive;

    ConsoleReporter(PrintStream out) {
        this.out = out;
        this.interactive = System.console() != null;
    }

    @Override
    public void started(String summary) {
        out.println(summary);
    }

    @Override
    public void batchFinished(int epoch, int done, int total) {
        if (interactive && (done % 10 == 0 || done == total)) {
            out.printf(Locale.ROOT, "\repoch %d: batch %d/%d", epoch, done, total);
            out.flush();
        }
    }

    @Override
    public void epochFinished(EpochMetrics m, int epochs, boolean best) {
        String validation =
                m.hasValidation()
                        ? String.format(
                                Locale.ROOT,
                                "  val loss %.4f acc %.4f",
                                m.validationLoss(),
                                m.validationAccuracy())
                        : "";
        out.printf(
                Locale.ROOT,
                "%sepoch %d/%d  lr %.3g  train loss %.4f acc %.4f%s  %.1fs  %.0f img/s%s%n",
                interactive ? "\r" : "",
                m.epoch(),
                epochs,
                m.learningRate(),
                m.trainLoss(),
                m.trainAccuracy(),
                validation,
                m.epochSeconds(),
                m.imagesPerSecond(),
                best ? "  (best)" : "");
    }

    @Override
    public void message(String text) {
        out.println(text);
    }

    void finished(RunResult result) {
        out.println("run folder: " + result.runDirectory());
    }
}
