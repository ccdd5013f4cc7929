package dev.classify.engine.plugin;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a discovered plugin came from, for messages, for {@code classify plugins} and for what a
 * saved model records.
 *
 * @param kind the plugin's kind
 * @param name the plugin's name, its {@code type} in a configuration
 * @param className the fully qualified name of the plugin's own provider class
 * @param jar the plugin jar that holds the class, or empty for the host's class path
 * @param version the {@code Implementation-Version} of the jar's manifest, else {@code sha256:} and
 *     the first 12 hexadecimal digits of the jar's SHA-256; {@code unversioned} for classes outside
 *     any jar (a build's class folder)
 */
public record PluginOrigin(
        PluginKind kind, String name, String className, Optional<Path> jar, String version) {
    /** Checks that no component is null. */
    public PluginOrigin {
        requireNonNull(kind, "kind is null");
        requireNonNull(name, "name is null");
        requireNonNull(className, "className is null");
        requireNonNull(jar, "jar is null");
        requireNonNull(version, "version is null");
    }

    /** The jar's path, or {@code class path} for a plugin of the host. */
    public String location() {
        return jar.map(Path::toString).orElse("class path");
    }

    /**
     * The plugin in one phrase for messages, e.g. {@code model 'wrn' (class com.example.Wrn, jar
     * plugins/wrn.jar, version 1.2.0)} or {@code model 'resnet' (class
     * dev.classify.models.ResNetProvider, class path)}.
     */
    public String describe() {
        return kind.label()
                + " '"
                + name
                + "' ("
                + where(className, jar)
                + jar.map(j -> ", version " + version).orElse("")
                + ")";
    }

    /** The class and its jar, or its class path, for messages about a provider not yet named. */
    static String where(String className, Optional<Path> jar) {
        return "class " + className + ", " + jar.map(j -> "jar " + j).orElse("class path");
    }
}
