package dev.classify.engine.plugin;

import dev.classify.api.ConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Loads plugin jars from a folder. Classes of the SPI ({@code dev.classify.api}), of DJL ({@code
 * ai.djl}) and of SLF4J come from the host, so that a plugin and the host agree on their types and
 * the native engine is loaded once; everything else comes from the plugin jars first.
 */
public final class PluginClassLoader extends URLClassLoader {
    private static final List<String> SHARED =
            List.of("dev.classify.api.", "ai.djl.", "org.slf4j.");

    private final ClassLoader host;

    private PluginClassLoader(URL[] jars, ClassLoader host) {
        super("classify-plugins", jars, ClassLoader.getPlatformClassLoader());
        this.host = host;
    }

    /**
     * Returns a loader over every {@code *.jar} in {@code directory}, or an empty list when the
     * folder does not exist.
     *
     * @throws ConfigurationException when a {@code *.jar} there is not a readable jar (a folder, a
     *     truncated download, another file renamed): {@link URLClassLoader} would skip it without a
     *     word, and its plugins would then be reported as unknown names
     */
    public static List<ClassLoader> forDirectory(Path directory, ClassLoader host) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            URL[] jars =
                    files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                            .sorted()
                            .map(PluginClassLoader::readable)
                            .map(PluginClassLoader::toUrl)
                            .toArray(URL[]::new);
            return jars.length == 0 ? List.of() : List.of(new PluginClassLoader(jars, host));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        for (String prefix : SHARED) {
            if (name.startsWith(prefix)) {
                return host.loadClass(name);
            }
        }
        return super.loadClass(name, resolve);
    }

    /** Returns {@code jar} when it is a jar that can be opened; else throws saying why. */
    private static Path readable(Path jar) {
        String problem;
        if (Files.isSymbolicLink(jar) && !Files.exists(jar)) {
            problem = "is a link to a missing file";
        } else if (!Files.isRegularFile(jar)) {
            problem = "is not a file";
        } else {
            try (JarFile file = new JarFile(jar.toFile())) {
                return jar;
            } catch (IOException e) {
                problem = "is not a readable jar (" + e.getMessage() + ")";
            }
        }
        throw new ConfigurationException(
                "plugins",
                jar
                        + " "
                        + problem
                        + "; remove it from the plugins folder, or replace it with a plugin jar"
                        + " built against classify-api");
    }

    private static URL toUrl(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
