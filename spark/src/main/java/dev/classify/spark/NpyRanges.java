package dev.classify.spark;

import dev.classify.api.InvalidDataException;
import dev.classify.datasets.NpyRows;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Plans, on the driver, how {@code .npy} files are split between tasks: reads each file's header
 * (nothing else) and cuts its rows into ranges of equal size, each one row of {@link
 * Columns#NPY_RANGES}. Stateless.
 */
final class NpyRanges {
    /** Data a range holds at most when its size is chosen automatically. */
    private static final long MAX_RANGE_BYTES = 64L << 20;

    private NpyRanges() {}

    /**
     * The ranges of the files {@code pathOrGlob} names (a file, a folder of {@code *.npy} files or
     * a glob), in path order; ids are row numbers for one file, {@code relative/path.npy:row} for
     * several.
     *
     * @param rowsPerRange rows per range; 0 to choose: about two ranges per core of {@code
     *     parallelism}, at most 64 MB each, a multiple of {@code alignment} rows
     * @throws InvalidDataException when nothing matches or a header is bad
     */
    static List<Row> plan(
            String pathOrGlob,
            Configuration configuration,
            int rowsPerRange,
            int parallelism,
            int alignment)
            throws IOException {
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(pathOrGlob);
        FileSystem fs = root.getFileSystem(configuration);
        List<FileStatus> files = files(fs, root);
        if (files.isEmpty()) {
            throw new InvalidDataException(
                    Path.of(pathOrGlob),
                    "no .npy file found; give a .npy file, a folder or a glob");
        }
        List<Row> ranges = new ArrayList<>();
        String base = InputRoots.base(root, fs).toString();
        for (FileStatus file : files) {
            String path = file.getPath().toString();
            NpyRows rows;
            try (FSDataInputStream in = fs.open(file.getPath())) {
                rows = NpyRows.readHeader(Path.of(path), Channels.newChannel(in), file.getLen());
            }
            String prefix = files.size() == 1 ? "" : InputRoots.relative(base, path) + ":";
            int size =
                    rowsPerRange > 0
                            ? rowsPerRange
                            : automatic(rows, files.size(), parallelism, alignment);
            for (long first = 0; first < rows.rows(); first += size) {
                int count = (int) Math.min(size, rows.rows() - first);
                ranges.add(RowFactory.create(path, first, count, prefix));
            }
        }
        return ranges;
    }

    private static int automatic(NpyRows rows, int files, int parallelism, int alignment) {
        long wanted = Math.max(1, 2L * parallelism / files);
        long size = Math.max(1, (rows.rows() + wanted - 1) / wanted);
        long byBytes = Math.max(1, MAX_RANGE_BYTES / Math.max(1, rows.rowBytes()));
        size = Math.min(size, byBytes);
        if (size > alignment) {
            size = (size + alignment - 1) / alignment * alignment;
        }
        return (int) size;
    }

    private static List<FileStatus> files(FileSystem fs, org.apache.hadoop.fs.Path root)
            throws IOException {
        FileStatus[] matched = fs.globStatus(root);
        List<FileStatus> files = new ArrayList<>();
        for (FileStatus status : matched == null ? new FileStatus[0] : matched) {
            if (status.isDirectory()) {
                for (FileStatus child : fs.listStatus(status.getPath())) {
                    if (child.isFile() && child.getPath().getName().endsWith(".npy")) {
                        files.add(child);
                    }
                }
            } else {
                files.add(status);
            }
        }
        files.sort(Comparator.comparing(status -> status.getPath().toString()));
        return files;
    }
}
