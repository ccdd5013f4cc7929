package dev.classify.engine.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.nn.Block;
import dev.classify.api.ModelProvider;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * A plugin jar built as a third party would build one: Java sources compiled against the api and
 * DJL alone, packed with their service files and, optionally, a manifest version.
 */
public final class TestPluginJar {
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<Class<?>, List<String>> services = new LinkedHashMap<>();
    private final Set<String> leftOut = new HashSet<>();
    private String version;

    /** Adds the class {@code className} (fully qualified) with source {@code code}. */
    public TestPluginJar source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    /** Declares {@code className} a provider of {@code spi} in the jar's service file. */
    public TestPluginJar provides(Class<?> spi, String className) {
        services.computeIfAbsent(spi, s -> new ArrayList<>()).add(className);
        return this;
    }

    /** Compiles {@code className} but leaves it out of the jar, as a library the jar lacks. */
    public TestPluginJar leaveOut(String className) {
        leftOut.add(className);
        return this;
    }

    /** Writes {@code Implementation-Version: version} into the jar's manifest. */
    public TestPluginJar version(String implementationVersion) {
        this.version = implementationVersion;
        return this;
    }

    /** Compiles the sources in a folder beside {@code jar} and writes the jar. */
    public Path writeTo(Path jar) throws IOException {
        Path work = Files.createTempDirectory(jar.getParent(), ".build-");
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> arguments =
                new ArrayList<>(List.of("-d", classes.toString(), "-cp", apiClassPath()));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = work.resolve("src").resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            arguments.add(Files.writeString(file, source.getValue()).toString());
        }
        int status =
                ToolProvider.getSystemJavaCompiler()
                        .run(null, null, null, arguments.toArray(String[]::new));
        assertThat(status).as("javac of the test plugin").isZero();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (version != null) {
            manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
        }
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest);
                Stream<Path> compiled = Files.walk(classes)) {
            for (Path path : compiled.filter(Files::isRegularFile).sorted().toList()) {
                String entry = classes.relativize(path).toString().replace(File.separatorChar, '/');
                String className = entry.replace('/', '.').replaceAll("\\.class$", "");
                if (!leftOut.contains(className)) {
                    out.putNextEntry(new JarEntry(entry));
                    out.write(Files.readAllBytes(path));
                    out.closeEntry();
                }
            }
            for (Map.Entry<Class<?>, List<String>> service : services.entrySet()) {
                out.putNextEntry(new JarEntry("META-INF/services/" + service.getKey().getName()));
                out.write(
                        (String.join("\n", service.getValue()) + "\n")
                                .getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** The api's and DJL's jars or class folders: what a plugin author compiles against. */
    private static String apiClassPath() {
        return Stream.of(ModelProvider.class, Block.class)
                .map(c -> c.getProtectionDomain().getCodeSource().getLocation().getPath())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /**
     * The source of a model provider {@code className} with one option, {@code widen} (default 4).
     *
     * @param name the Java expression {@code name()} returns, e.g. {@code "\"wrn\""}
     * @param description the Java expression {@code description()} returns
     * @param create the body of {@code create(ModelSpec spec)}
     */
    public static String model(String className, String name, String description, String create) {
        int dot = className.lastIndexOf('.');
        return """
                package %s;

                import ai.djl.nn.Block;
                import dev.classify.api.ModelProvider;
                import dev.classify.api.ModelSpec;
                import dev.classify.api.OptionInfo;
                import java.util.List;

                public final class %s implements ModelProvider {
                    public String name() { return %s; }
                    public String description() { return %s; }
                    public List<OptionInfo> options() {
                        return List.of(new OptionInfo("widen", "4", "width multiplier"));
                    }
                    public Block create(ModelSpec spec) { %s }
                }
                """
                .formatted(
                        className.substring(0, dot),
                        className.substring(dot + 1),
                        name,
                        description,
                        create);
    }
}
