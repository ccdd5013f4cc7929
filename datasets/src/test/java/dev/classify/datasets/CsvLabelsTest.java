package dev.classify.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.classify.api.InvalidDataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CsvLabelsTest {
    @TempDir Path folder;

    @Test
    void readsTheFixture() throws IOException {
        CsvLabels labels = CsvLabels.read(NpyFiles.fashionMnistLabels(), "id", "label", 64);

        assertThat(labels.size()).isEqualTo(64);
        assertThat(labels.classCount()).isEqualTo(10);
        assertThat(labels.classNames())
                .containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        // The first labels as numpy/pandas read them.
        for (int id = 0; id < 10; id++) {
            assertThat(labels.label(id)).isEqualTo(new int[] {3, 6, 6, 4, 3, 7, 6, 9, 8, 6}[id]);
        }
        assertThat(labels.label(63)).isEqualTo(5);
    }

    @Test
    void toleratesByteOrderMarkCrlfSpacesAndBlankLines() {
        Path file = write("bom.csv", "\uFEFFid,label\r\n0, 2\r\n\r\n1 ,0\r\n2,1\r\n");

        CsvLabels labels = CsvLabels.read(file, "id", "label", 3);

        assertThat(List.of(labels.label(0), labels.label(1), labels.label(2)))
                .containsExactly(2, 0, 1);
    }

    @Test
    void recordsTheLineOfEveryRowPastBlankLines() {
        Path file = write("lines.csv", "\uFEFFid,label\r\n2, 2\r\n\r\n\n0 ,0\n\n1,1\n");

        CsvLabels labels = CsvLabels.read(file, "id", "label", 3);

        assertThat(List.of(labels.line(0), labels.line(1), labels.line(2)))
                .containsExactly(OptionalInt.of(5), OptionalInt.of(7), OptionalInt.of(2));
    }

    @Test
    void anUnclosedQuoteNamesTheLineWhereItOpensAndTheFix() {
        Path file = write("quote.csv", "id,label\n0,1\n1,\"2\n2,0\n3,1\n");

        assertThatThrownBy(() -> CsvLabels.read(file, "id", "label", 4))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(
                        file
                                + ": line 3: a quote (\") opens a value that is never closed; add"
                                + " the closing quote, or remove the opening one");
    }

    @Test
    void textAfterAClosingQuoteNamesTheLineAndTheFix() {
        Path file = write("after.csv", "id,label\n0,1\n1,\"2\"x\n");

        assertThatThrownBy(() -> CsvLabels.read(file, "id", "label", 2))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage(
                        file
                                + ": line 3: text after the closing quote of a value; quote the"
                                + " whole value (a quote inside is written twice: \"2\"\"x\") or"
                                + " remove the quotes")
                .message()
                .doesNotContain("CSVException");
    }

    @Test
    void matchesRowsToImagesById() {
        Path file = write("shuffled.csv", "label,id,comment\n4,2,x\n0,0,y\n7,1,z\n");

        CsvLabels labels = CsvLabels.read(file, "id", "label", 3);

        assertThat(List.of(labels.label(0), labels.label(1), labels.label(2)))
                .containsExactly(0, 7, 4);
        assertThat(labels.classCount()).isEqualTo(8);
    }

    @Test
    void readsConfiguredColumns() {
        Path file = write("custom.csv", "image,class\n0,1\n1,0\n");

        CsvLabels labels = CsvLabels.read(file, "image", "class", 2);

        assertThat(labels.label(0)).isEqualTo(1);
        assertThat(labels.classNames()).containsExactly("0", "1");
    }

    @Test
    void rejectsAMissingColumnListingTheHeader() {
        Path file = write("columns.csv", "id,target\n0,1\n");

        assertThatThrownBy(() -> CsvLabels.read(file, "id", "label", 1))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("columns.csv")
                .hasMessageContaining("no column 'label'")
                .hasMessageContaining("found [id, target]")
                .hasMessageContaining("labelColumn");
    }

    @Test
    void rejectsADuplicateId() {
        Path file = write("dup.csv", "id,label\n0,1\n1,1\n1,2\n");

        assertThatThrownBy(() -> CsvLabels.read(file, "id", "label", 3))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("dup.csv")
                .hasMessageContaining("line 4: duplicate id 1, first on line 3");
    }

    @Test
    void rejectsAnIdOutOfRange() {
        Path file = write("range.csv", "id,label\n0,1\n2,1\n");

        assertThatThrownBy(() -> CsvLabels.read(file, "id", "label", 2))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("range.csv")
                .hasMessageContaining("line 3: id 2 is outside 0..1");
    }

    @Test
    void rejectsMissingIdsNamingThem() {
        Path file = write("few.csv", "id,label\n0,1\n2,1\n");

        assertThatThrownBy(() -> CsvLabels.read(file, "id", "label", 4))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("few.csv")
                .hasMessageContaining("2 label rows for 4 images")
                .hasMessageContaining("missing ids: [1, 3]");
    }

    @Test
    void rejectsAHeaderWithoutRows() {
        Path file = write("header.csv", "id,label\n");

        assertThatThrownBy(() -> CsvLabels.read(file, "id", "label", 2))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("header.csv")
                .hasMessageContaining("0 label rows for 2 images");
    }

    @Test
    void rejectsAnEmptyFile() {
        Path file = write("empty.csv", "\uFEFF\r\n");

        assertThatThrownBy(() -> CsvLabels.read(file, "id", "label", 2))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("empty.csv")
                .hasMessageContaining("empty file");
    }

    @Test
    void rejectsANegativeLabel() {
        Path file = write("negative.csv", "id,label\n0,1\n1,-1\n");

        assertThatThrownBy(() -> CsvLabels.read(file, "id", "label", 2))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("negative.csv")
                .hasMessageContaining("line 3: negative label -1");
    }

    @Test
    void rejectsIntegersMixedWithNamesNamingBothLines() {
        Path file = write("names.csv", "id,label\r\n0,1\r\n1,shirt\r\n");

        assertThatThrownBy(() -> CsvLabels.read(file, "id", "label", 2))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("names.csv")
                .hasMessageContaining(
                        "line 3: column 'label' mixes integer labels (line 2: '1') and class"
                                + " names (line 3: 'shirt')")
                .hasMessageContaining("use one kind");
    }

    @Test
    void numbersClassNamesInSortedOrder() {
        Path file =
                write("classes.csv", "id,label\n0,sneaker\n1,T-shirt\n2,bag\n3,sneaker\n4,Bag\n");

        CsvLabels labels = CsvLabels.read(file, "id", "label", 5);

        // Sorted by String.compareTo: upper case before lower case.
        assertThat(labels.classNames()).containsExactly("Bag", "T-shirt", "bag", "sneaker");
        assertThat(List.of(0, 1, 2, 3, 4)).map(labels::label).containsExactly(3, 1, 2, 3, 0);
        assertThat(labels.classCount()).isEqualTo(4);
    }

    @Test
    void rejectsAnEmptyLabel() {
        Path file = write("blank.csv", "id,label\n0,cat\n1,\n");

        assertThatThrownBy(() -> CsvLabels.read(file, "id", "label", 2))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("blank.csv")
                .hasMessageContaining("line 3: empty label in column 'label'")
                .hasMessageContaining("give every image a class index or name");
    }

    @Test
    void rejectsANonIntegerId() {
        Path file = write("ids.csv", "id,label\n0,1\n\nimg1.png,1\n");

        assertThatThrownBy(() -> CsvLabels.read(file, "id", "label", 2))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("ids.csv")
                .hasMessageContaining("line 4: id 'img1.png' in column 'id' is not an integer");
    }

    @Test
    void rejectsARowWithoutALabel() {
        Path file = write("short.csv", "id,label\n0\n");

        assertThatThrownBy(() -> CsvLabels.read(file, "id", "label", 1))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("short.csv")
                .hasMessageContaining("line 2: no label value");
    }

    @Test
    void rejectsAMissingFile() {
        Path file = folder.resolve("absent.csv");

        assertThatThrownBy(() -> CsvLabels.read(file, "id", "label", 1))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("absent.csv")
                .hasMessageContaining("file not found");
    }

    @Test
    void rejectsTextThatIsNotUtf8() throws IOException {
        Path file =
                Files.write(
                        folder.resolve("latin1.csv"),
                        "id,label\n0,é\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> CsvLabels.read(file, "id", "label", 1))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("latin1.csv")
                .hasMessageContaining("not UTF-8");
    }

    private Path write(String name, String text) {
        try {
            return Files.writeString(folder.resolve(name), text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
