package dev.classify.engine.runtime;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import dev.classify.api.ConfigurationException;
import dev.classify.api.Problems;
import java.util.List;

/**
 * The DJL engines classify trains with, chosen by name ({@code engine:} in a configuration, {@code
 * --engine} on the command line). Both CPU builds ship in the default class path: {@code MXNet}
 * (1.9.1 with MKL, the default) and {@code PyTorch} (2.7.1). With two engines on the class path
 * DJL's default engine is whichever ranks first, so every model, trainer and array manager names
 * its engine explicitly.
 */
public final class EngineChoice {
    /** The engines that can train, in the order they are listed to the user. */
    public static final List<String> KNOWN = List.of("MXNet", "PyTorch");

    private EngineChoice() {}

    /** Records a problem under {@code path} when {@code name} is not a known engine. */
    public static void check(String path, String name, Problems problems) {
        if (!KNOWN.contains(name)) {
            String hint =
                    KNOWN.stream()
                            .filter(known -> known.equalsIgnoreCase(name))
                            .findFirst()
                            .map(known -> " (names are case-sensitive: " + known + ")")
                            .orElse("");
            problems.add(path, "unknown engine '" + name + "'; known: " + KNOWN + hint);
        }
    }

    /**
     * Loads the native library of engine {@code name} (once per process), after choosing its thread
     * counts (see {@link NativeThreads}).
     *
     * @throws ConfigurationException when the name is unknown or its native library cannot be
     *     loaded, saying why
     */
    public static Engine load(String name) {
        Problems problems = new Problems();
        check("engine", name, problems);
        problems.throwIfAny();
        NativeThreads.apply();
        try {
            return Engine.getEngine(name);
        } catch (EngineException | IllegalArgumentException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ConfigurationException(
                    "engine",
                    "the "
                            + name
                            + " engine's native library failed to load ("
                            + firstLine(String.valueOf(cause.getMessage()))
                            + "); check "
                            + (name.equals("MXNet") ? "MXNET_LIBRARY_PATH" : "PYTORCH_LIBRARY_PATH")
                            + " if set, or choose the other engine");
        }
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
