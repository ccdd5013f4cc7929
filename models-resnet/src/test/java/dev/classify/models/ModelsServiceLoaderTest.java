package dev.classify.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.classify.api.ModelProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

final class ModelsServiceLoaderTest {

    @Test
    void serviceLoaderFindsExactlyTheDeclaredProviders() {
        assertThat(ServiceLoader.load(ModelProvider.class).stream().map(p -> p.get().name()))
                .containsExactly("simple-cnn", "resnet", "se-resnet", "resnet9");
    }
}
