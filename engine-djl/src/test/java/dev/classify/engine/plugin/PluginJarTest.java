package dev.classify.engine.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.classify.api.ConfigurationException;
import dev.classify.api.ModelProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class PluginJarTest {
    @TempDir Path plugins;

    private void jar(String name, String services) throws IOException {
        try (OutputStream file = Files.newOutputStream(plugins.resolve(name));
                JarOutputStream jar = new JarOutputStream(file)) {
            jar.putNextEntry(new JarEntry("META-INF/services/" + ModelProvider.class.getName()));
            jar.write(services.getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
    }

    private List<ClassLoader> loaders() {
        List<ClassLoader> loaders = new ArrayList<>();
        loaders.add(getClass().getClassLoader());
        loaders.addAll(PluginClassLoader.forDirectory(plugins, getClass().getClassLoader()));
        return loaders;
    }

    @Test
    void aJarNamingAMissingClassIsOneClearProblem() throws IOException {
        jar("broken.jar", "com.example.MissingProvider\n");
        assertThatThrownBy(() -> DiscoveredPlugins.load(loaders()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("plugins: a plugin cannot be loaded")
                .hasMessageContaining("com.example.MissingProvider")
                .hasMessageContaining("remove or fix its jar");
    }

    @Test
    void aFileThatIsNotAJarIsOneClearProblemNamingIt() throws IOException {
        jar("good.jar", "");
        Files.writeString(plugins.resolve("bad.jar"), "<html>404 Not Found</html>\n");
        assertThatThrownBy(this::loaders)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("bad.jar is not a readable jar")
                .hasMessageContaining("remove it from the plugins folder");
    }

    @Test
    void aFolderNamedLikeAJarIsOneClearProblem() throws IOException {
        Files.createDirectory(plugins.resolve("folder.jar"));
        assertThatThrownBy(this::loaders)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("folder.jar is not a file");
    }

    @Test
    void aLinkToAMissingJarIsOneClearProblem() throws IOException {
        Files.createSymbolicLink(plugins.resolve("moved.jar"), plugins.resolve("gone.jar"));
        assertThatThrownBy(this::loaders)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("moved.jar is a link to a missing file");
    }

    @Test
    void anEmptyFolderAddsNothing() {
        assertThat(DiscoveredPlugins.load(loaders()).models())
                .extracting(ModelProvider::name)
                .contains("simple-cnn");
    }
}
