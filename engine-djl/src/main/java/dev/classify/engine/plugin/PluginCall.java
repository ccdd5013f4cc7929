package dev.classify.engine.plugin;

import static java.util.Objects.requireNonNull;

import dev.classify.api.ConfigurationException;
import dev.classify.api.InvalidDataException;
import dev.classify.api.Options;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Calls into one plugin: with the plugin's class loader as the thread's context class loader
 * (restored afterwards), and with what the plugin throws turned into one line naming it. A {@link
 * ConfigurationException} or {@link InvalidDataException} passes unchanged; an {@link
 * IllegalArgumentException} or {@link IllegalStateException} from {@code create} is taken as a
 * rejected option (a {@link ConfigurationException} at the options' path); anything else, linkage
 * errors included, becomes a {@link PluginException}.
 *
 * <p>Immutable and thread safe.
 */
final class PluginCall {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    private final PluginOrigin origin;
    private final ClassLoader loader;

    private PluginCall(PluginOrigin origin, ClassLoader loader) {
        this.origin = origin;
        this.loader = loader;
    }

    /**
     * Reads the name of {@code provider} (its {@code name()} method), found in {@code jar} (empty:
     * the class path), and returns the calls into it.
     *
     * @throws ConfigurationException naming the class and jar when {@code name()} throws or returns
     *     a malformed name
     */
    static PluginCall discover(
            PluginKind kind, Object provider, Supplier<String> nameMethod, Optional<Path> jar) {
        requireNonNull(provider, "provider is null");
        Class<?> type = provider.getClass();
        ClassLoader loader = type.getClassLoader();
        String where = PluginOrigin.where(type.getName(), jar);
        String name;
        try {
            name = withContext(loader, nameMethod);
        } catch (RuntimeException | LinkageError e) {
            throw new ConfigurationException(
                    "plugins",
                    kind.label()
                            + " provider ("
                            + where
                            + ") failed in name(): "
                            + firstLine(String.valueOf(e))
                            + "; fix the plugin or remove its jar");
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ConfigurationException(
                    "plugins",
                    kind.label()
                            + " provider ("
                            + where
                            + ") has the malformed name '"
                            + name
                            + "'; names match [a-z][a-z0-9-]*");
        }
        String version = jar.map(JarVersions::of).orElseGet(() -> JarVersions.ofClass(type));
        return new PluginCall(new PluginOrigin(kind, name, type.getName(), jar, version), loader);
    }

    PluginOrigin origin() {
        return origin;
    }

    /**
     * Runs {@code body}, the plugin's {@code method} (e.g. {@code open}), in the plugin's context.
     *
     * @throws PluginException naming the plugin when it throws anything but a configuration or data
     *     problem
     */
    <T> T call(String method, Supplier<T> body) {
        return run(method, null, body);
    }

    /**
     * Runs {@code body}, the plugin's {@code create} for {@code options}, in the plugin's context.
     *
     * @throws ConfigurationException at the options' path when the plugin throws one, or an {@link
     *     IllegalArgumentException} or {@link IllegalStateException}
     * @throws PluginException naming the plugin for anything else
     */
    <T> T create(Options options, Supplier<T> body) {
        return run("create", requireNonNull(options, "options is null"), body);
    }

    /**
     * Runs {@code body}; with {@code options}, illegal arguments and states are rejected options.
     */
    private <T> T run(String method, Options options, Supplier<T> body) {
        try {
            return withContext(loader, body);
        } catch (ConfigurationException | InvalidDataException e) {
            throw e;
        } catch (IllegalArgumentException | IllegalStateException e) {
            if (options == null) {
                throw failure(method, e);
            }
            throw new ConfigurationException(
                    options.path(),
                    origin.describe() + " rejected its options: " + firstLine(messageOf(e)));
        } catch (RuntimeException | LinkageError e) {
            throw failure(method, e);
        }
    }

    private PluginException failure(String method, Throwable e) {
        String what;
        if (isMissingClass(e)) {
            what = missingClass(e);
        } else if (e instanceof ExceptionInInitializerError && e.getCause() != null) {
            what = "failed in a static initializer: " + firstLine(String.valueOf(e.getCause()));
        } else if (e instanceof LinkageError) {
            what =
                    "cannot be linked ("
                            + firstLine(String.valueOf(e))
                            + "); rebuild the plugin against this classify-api and Java 17,"
                            + " with its libraries";
        } else {
            what = "failed in " + method + "(): " + firstLine(String.valueOf(e));
        }
        return new PluginException(origin.describe() + " " + what, e);
    }

    /** Whether {@code e} says a class is missing (not one whose initializer failed before). */
    static boolean isMissingClass(Throwable e) {
        return e instanceof NoClassDefFoundError
                && !messageOf(e).startsWith("Could not initialize");
    }

    /** What a plugin lacking the class of {@code e}, a {@link NoClassDefFoundError}, must do. */
    static String missingClass(Throwable e) {
        return "needs the class "
                + messageOf(e).replace('/', '.')
                + ", which neither its jar nor classify provides; the jar must ship it (package"
                + " the plugin with its libraries)";
    }

    private static <T> T withContext(ClassLoader loader, Supplier<T> body) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return body.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static String messageOf(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getName();
    }

    static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
