package dev.classify.engine.model.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.classify.api.InvalidDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ClassNamesFileTest {
    @TempDir Path folder;

    @Test
    void aByteOrderMarkIsNoPartOfTheFirstName() throws IOException {
        Path file = Files.writeString(folder.resolve("classes.txt"), "\uFEFFcat\r\ndog\r\n");

        assertThat(ClassNamesFile.read(file, 2, Path.of("w.safetensors")))
                .containsExactly("cat", "dog");
    }

    @Test
    void aMissingFileSaysSoInWords() {
        Path file = folder.resolve("absent.txt");

        assertThatThrownBy(() -> ClassNamesFile.read(file, 2, Path.of("w.safetensors")))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageEndingWith(
                        "absent.txt: cannot read the class names (no such file); check the path");
    }
}
