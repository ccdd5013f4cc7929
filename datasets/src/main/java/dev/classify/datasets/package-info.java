/**
 * The {@code npy} dataset plugin: images from a NumPy {@code .npy} array, labels from a CSV file.
 *
 * <p>{@link dev.classify.datasets.NpyReader} parses {@code .npy} files in plain Java (format
 * versions 1.0 to 3.0, C order, uint8 or little/big-endian float32/float64) without a native
 * engine; {@link dev.classify.datasets.CsvLabels} reads {@code id,label} files and matches rows to
 * images by id; {@link dev.classify.datasets.NpyImageSet} exposes both as an {@link
 * dev.classify.api.ImageSet}; {@link dev.classify.datasets.NpyDatasetProvider} is the provider
 * found by {@link java.util.ServiceLoader}. Every problem with a file is reported as an {@link
 * dev.classify.api.InvalidDataException} naming the file, the problem and the fix.
 */
package dev.classify.datasets;
