/**
 * The dataset plugins {@code npy}, {@code idx} and {@code folder}.
 *
 * <p>{@code npy}: {@link dev.classify.datasets.NpyReader} parses {@code .npy} files in plain Java
 * (format versions 1.0 to 3.0, C or Fortran order, uint8 kept as bytes, int8 to int64, uint16 and
 * float16 to float64 of either byte order) without a native engine; {@link
 * dev.classify.datasets.NpzReader} reads one array of a {@code .npz} archive; {@link
 * dev.classify.datasets.ImageLayout} maps NHW, NHWC, NCHW and flat arrays to images; {@link
 * dev.classify.datasets.PixelScale} divides pixels by the {@code scale} option; labels come from
 * {@link dev.classify.datasets.CsvLabels} (class indices or names) or {@link
 * dev.classify.datasets.VectorLabels}; {@link dev.classify.datasets.NpyImageSet} exposes them as an
 * {@link dev.classify.api.ImageSet}. {@code idx}: {@link dev.classify.datasets.IdxReader} reads
 * MNIST-style IDX files, plain or gzip-compressed. {@code folder}: {@link
 * dev.classify.datasets.FolderDatasetProvider} reads image files (class folders, a flat folder or
 * one file) with {@link javax.imageio.ImageIO}. For readers that split or stream the data
 * themselves (classify's Spark job): {@link dev.classify.datasets.NpyRows} reads a range of a
 * {@code .npy} file's rows alone, {@link dev.classify.datasets.ImageFileBytes} decodes one image
 * file's bytes as {@code folder} does. {@link dev.classify.datasets.NpyDatasetProvider}, {@link
 * dev.classify.datasets.IdxDatasetProvider} and {@link dev.classify.datasets.FolderDatasetProvider}
 * are found by {@link java.util.ServiceLoader}. Every problem with a file is reported as an {@link
 * dev.classify.api.InvalidDataException} naming the file, the problem and the fix.
 */
package dev.classify.datasets;
