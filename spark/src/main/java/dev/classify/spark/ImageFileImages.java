package dev.classify.spark;

import dev.classify.api.InvalidDataException;
import dev.classify.datasets.ImageFileBytes;
import dev.classify.engine.embed.ImageClassifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;

/**
 * Image files' rows ({@code id}, {@code path}, {@code content}) decoded as {@code classify predict}
 * decodes a folder of them ({@link ImageFileBytes}: the model's channels and size, resized
 * bilinearly when they differ). A file that does not decode is a failed image naming it.
 */
final class ImageFileImages implements ImageBatches {
    private final Iterator<Row> input;
    private final ImageClassifier classifier;
    private final int batchSize;

    ImageFileImages(Iterator<Row> input, ImageClassifier classifier, int batchSize) {
        this.input = input;
        this.classifier = classifier;
        this.batchSize = batchSize;
    }

    @Override
    public boolean hasNext() {
        return input.hasNext();
    }

    @Override
    public List<Image> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        List<Image> batch = new ArrayList<>(batchSize);
        while (batch.size() < batchSize && input.hasNext()) {
            batch.add(decode(input.next()));
        }
        return batch;
    }

    private Image decode(Row row) {
        String id = row.getAs(Columns.ID);
        String path = row.getAs(Columns.PATH);
        byte[] content = row.getAs(Columns.CONTENT);
        try {
            return Image.of(
                    id,
                    ImageFileBytes.decode(
                            Path.of(path),
                            content,
                            classifier.channels(),
                            classifier.height(),
                            classifier.width()));
        } catch (InvalidDataException e) {
            // Decoders' unchecked exceptions on corrupt bytes arrive as this too; running out of
            // memory does not, and fails the task.
            return Image.failed(id, Messages.naming(path, e));
        }
    }
}
