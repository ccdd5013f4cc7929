package dev.classify.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CsvFileTest {
    @TempDir Path folder;

    @Test
    void writesTheHeaderAndQuotesCellsThatNeedIt() throws IOException {
        Path file = folder.resolve("new/out.csv");

        CsvFile.write(
                file,
                List.of("id", "label"),
                List.of(List.of("a", "<T-shirt & top>"), List.of(7, "Shirt \"formal\", long")));

        assertThat(Files.readString(file))
                .isEqualTo("id,label\na,<T-shirt & top>\n7,\"Shirt \"\"formal\"\", long\"\n");
        assertThat(file.getParent().toFile().list()).containsExactly("out.csv");
    }

    @Test
    void replacesAnOldFileWhole() throws IOException {
        Path file = Files.writeString(folder.resolve("out.csv"), "old,file\n1,2\n3,4\n");

        CsvFile.write(file, List.of("id"), List.of());

        assertThat(Files.readString(file)).isEqualTo("id\n");
        assertThat(folder.toFile().list()).containsExactly("out.csv");
    }

    @Test
    void leavesNothingBehindWhenItCannotWrite() throws IOException {
        Path notAFolder = Files.writeString(folder.resolve("file"), "x");

        assertThatThrownBy(
                        () ->
                                CsvFile.write(
                                        notAFolder.resolve("out.csv"), List.of("id"), List.of()))
                .isInstanceOf(IOException.class);
        assertThat(folder.toFile().list()).containsExactly("file");
    }
}
