package dev.classify.engine.plugin;

import dev.classify.api.ConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Loads the classes of one plugin jar, as Trino gives each plugin a class loader of its own: two
 * jars may bundle different versions of one library without seeing each other's. Classes of the SPI
 * ({@code dev.classify.api}), of DJL ({@code ai.djl}) and of SLF4J come from the host when the host
 * has them, so that a plugin and the host agree on these types and the native engine is loaded
 * once; a class under these prefixes that the host lacks (a DJL extension such as its model zoo,
 * shipped inside the plugin's jar) comes from the jar. Everything else comes from the jar, then
 * from the Java platform.
 *
 * <p>Thread safe (registered as parallel capable).
 */
public final class PluginClassLoader extends URLClassLoader {
    private static final List<String> SHARED =
            List.of("dev.classify.api.", "ai.djl.", "org.slf4j.");

    private static final String SERVICES = "META-INF/services/";

    /** Service types whose providers the host declares for the plugin too (DJL's engines). */
    private static final List<String> SHARED_SERVICES = List.of("ai.djl.", "org.slf4j.");

    static {
        ClassLoader.registerAsParallelCapable();
    }

    private final Path jar;
    private final ClassLoader host;

    private PluginClassLoader(Path jar, ClassLoader host) {
        super(
                "classify-plugin-" + jar.getFileName(),
                new URL[] {toUrl(jar)},
                ClassLoader.getPlatformClassLoader());
        this.jar = jar;
        this.host = host;
    }

    /**
     * Returns one loader for each {@code *.jar} in {@code directory}, in file name order, or an
     * empty list when the folder does not exist.
     *
     * @throws ConfigurationException when a {@code *.jar} there is not a readable jar (a folder, a
     *     truncated download, another file renamed): {@link URLClassLoader} would skip it without a
     *     word, and its plugins would then be reported as unknown names
     */
    public static List<PluginClassLoader> forDirectory(Path directory, ClassLoader host) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .map(PluginClassLoader::readable)
                    .map(jar -> new PluginClassLoader(jar, host))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The jar this loader reads. */
    public Path jar() {
        return jar;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (SHARED.stream().anyMatch(name::startsWith)) {
            try {
                return host.loadClass(name);
            } catch (ClassNotFoundException e) {
                // Not on the host's class path: the plugin's own copy, if its jar has one.
            }
        }
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        URL own = super.getResource(name);
        return own != null || !fromHost(name) ? own : host.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> urls = Collections.list(super.getResources(name));
        if (fromHost(name)) {
            urls.addAll(Collections.list(host.getResources(name)));
        }
        return Collections.enumeration(urls);
    }

    /** Whether the host's copies of the resource {@code name} are visible to the plugin. */
    private static boolean fromHost(String name) {
        if (!name.startsWith(SERVICES)) {
            return true;
        }
        String service = name.substring(SERVICES.length());
        return SHARED_SERVICES.stream().anyMatch(service::startsWith);
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
