package dev.classify.spark;

import dev.classify.api.InvalidDataException;
import dev.classify.datasets.NpyArray;
import dev.classify.datasets.NpyImageSet;
import dev.classify.datasets.NpyRows;
import dev.classify.engine.embed.ImageClassifier;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;

/**
 * Row ranges of {@code .npy} files ({@link Columns#NPY_RANGES}), each read alone: the header, then
 * only the range's bytes (header offset + first row x row size), taken as {@code classify predict}
 * takes the whole file ({@link NpyImageSet}: default layout and scale). Rows past the file's end (a
 * file cut short) and a range that cannot be read are failed images naming the file.
 */
final class NpyRangeImages implements ImageBatches {
    private final Iterator<Row> ranges;
    private final ImageClassifier classifier;
    private final HadoopSettings hadoop;
    private final int batchSize;
    private List<Image> range = List.of();
    private int next;

    NpyRangeImages(
            Iterator<Row> ranges,
            ImageClassifier classifier,
            HadoopSettings hadoop,
            int batchSize) {
        this.ranges = ranges;
        this.classifier = classifier;
        this.hadoop = hadoop;
        this.batchSize = batchSize;
    }

    @Override
    public boolean hasNext() {
        while (next == range.size() && ranges.hasNext()) {
            range = read(ranges.next());
            next = 0;
        }
        return next < range.size();
    }

    @Override
    public List<Image> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int to = Math.min(range.size(), next + batchSize);
        List<Image> batch = range.subList(next, to);
        next = to;
        return batch;
    }

    private List<Image> read(Row row) {
        String path = row.getAs(Columns.PATH);
        long first = row.<Long>getAs(Columns.FIRST_ROW);
        int count = row.<Integer>getAs(Columns.ROW_COUNT);
        String prefix = row.getAs(Columns.ID_PREFIX);
        List<Image> images = new ArrayList<>(count);
        int readable = 0;
        try {
            org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(path);
            FileSystem fs = file.getFileSystem(hadoop.configuration());
            long size = fs.getFileStatus(file).getLen();
            try (FSDataInputStream in = fs.open(file)) {
                NpyRows rows = NpyRows.readHeader(Path.of(path), Channels.newChannel(in), size);
                readable = (int) Math.max(0, Math.min(count, rows.completeRows(size) - first));
                if (readable > 0) {
                    in.seek(rows.offsetOf(first));
                    NpyArray array = rows.readRows(Channels.newChannel(in), readable);
                    addPixels(images, NpyImageSet.of(Path.of(path), array), path, prefix, first);
                }
                for (long r = first + readable; r < first + count; r++) {
                    images.add(Image.failed(prefix + r, pastTheEnd(path, r, rows, size)));
                }
            }
        } catch (InvalidDataException | IOException e) {
            images.clear();
            String error =
                    e instanceof InvalidDataException
                            ? Messages.naming(path, e)
                            : path
                                    + ": cannot read rows "
                                    + first
                                    + ".."
                                    + (first + count - 1)
                                    + " ("
                                    + e
                                    + ")";
            for (long r = first; r < first + count; r++) {
                images.add(Image.failed(prefix + r, error));
            }
        }
        return images;
    }

    private void addPixels(
            List<Image> images, NpyImageSet set, String path, String prefix, long first) {
        int[] shape = {set.channels(), set.height(), set.width()};
        int[] model = {classifier.channels(), classifier.height(), classifier.width()};
        for (int i = 0; i < set.size(); i++) {
            String id = prefix + (first + i);
            if (!java.util.Arrays.equals(shape, model)) {
                images.add(Image.failed(id, path + ": " + wrongShape(shape, model)));
                continue;
            }
            float[] pixels = new float[shape[0] * shape[1] * shape[2]];
            set.copyPixels(i, pixels, 0);
            images.add(Image.of(id, pixels));
        }
    }

    private static String wrongShape(int[] shape, int[] model) {
        return "images are "
                + shape[0]
                + "x"
                + shape[1]
                + "x"
                + shape[2]
                + " but the model was trained on "
                + model[0]
                + "x"
                + model[1]
                + "x"
                + model[2]
                + " images; give images of that shape";
    }

    private static String pastTheEnd(String path, long row, NpyRows rows, long size) {
        return path
                + ": row "
                + row
                + " is past the end of the file: its header declares "
                + rows.rows()
                + " rows, its "
                + size
                + " bytes hold "
                + rows.completeRows(size)
                + "; the file was cut short, copy or save it again";
    }
}
