package dev.classify.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Reads an NCHW batch at fractional source positions with bilinear interpolation, the core of the
 * geometric augmenters. Positions are in pixel-index coordinates (pixel (y, x) has its centre at
 * (y, x)); a neighbour outside the image counts as 0 (PyTorch's {@code grid_sample} with {@code
 * padding_mode='zeros'}). Callers that want edge replication clamp the positions into the image.
 *
 * <p>Each of the four neighbours is gathered with one {@code take} over the whole batch, with
 * indices built by broadcast arithmetic. MXNet's own {@code BilinearSampler} operator is reachable
 * only through the engine-specific {@code NDManager.invoke} and measured no faster than one such
 * {@code take} here. Stateless.
 */
final class BilinearSampler {
    private BilinearSampler() {}

    /**
     * Samples {@code batch} at ({@code sourceY}, {@code sourceX}).
     *
     * @param batch float32 (N, C, H, W); not closed or modified; N*C*H*W must fit an int
     * @param sourceY float32 row positions, broadcastable to (N, 1, H', W'), e.g. (N, 1, H', 1)
     * @param sourceX float32 column positions, broadcastable to (N, 1, H', W'), e.g. (N, 1, 1, W')
     * @return float32 (N, C, H', W') attached to {@code batch}'s manager
     */
    static NDArray sample(NDArray batch, NDArray sourceY, NDArray sourceX) {
        NDManager manager = batch.getManager();
        try (NDManager scratch = manager.newSubManager()) {
            NDArray y0 = sourceY.floor();
            NDArray x0 = sourceX.floor();
            NDArray fy = sourceY.sub(y0);
            NDArray fx = sourceX.sub(x0);
            y0.attach(scratch);
            x0.attach(scratch);
            fy.attach(scratch);
            fx.attach(scratch);
            NDArray offsets = offsets(batch, scratch);
            int height = Math.toIntExact(batch.getShape().get(2));
            NDArray result = null;
            for (int dy = 0; dy < 2; dy++) {
                NDArray row = y0.add(dy);
                NDArray rowWeight = dy == 0 ? fy.neg().add(1f) : fy;
                rowWeight = rowWeight.mul(inside(row, height));
                for (int dx = 0; dx < 2; dx++) {
                    NDArray column = x0.add(dx);
                    NDArray columnWeight = dx == 0 ? fx.neg().add(1f) : fx;
                    NDArray gathered = gather(batch, offsets, row, column, columnWeight, rowWeight);
                    if (result == null) {
                        result = gathered;
                    } else {
                        result.addi(gathered);
                        gathered.close();
                    }
                }
            }
            return result;
        }
    }

    /**
     * Samples {@code batch} at the nearest pixel of ({@code sourceY}, {@code sourceX}), which must
     * hold whole numbers: the bilinear result at such positions, with one gather instead of four.
     *
     * @param batch float32 (N, C, H, W); not closed or modified; N*C*H*W must fit an int
     * @param sourceY float32 whole row positions, broadcastable to (N, 1, H', W')
     * @param sourceX float32 whole column positions, broadcastable to (N, 1, H', W')
     * @return float32 (N, C, H', W') attached to {@code batch}'s manager
     */
    static NDArray sampleWhole(NDArray batch, NDArray sourceY, NDArray sourceX) {
        try (NDManager scratch = batch.getManager().newSubManager()) {
            NDArray offsets = offsets(batch, scratch);
            int height = Math.toIntExact(batch.getShape().get(2));
            NDArray rowWeight = inside(sourceY, height);
            rowWeight.attach(scratch);
            NDArray columnWeight = sourceX.onesLike();
            columnWeight.attach(scratch);
            return gather(batch, offsets, sourceY, sourceX, columnWeight, rowWeight);
        }
    }

    /**
     * The flat index of each image's and channel's first pixel, (N, C, 1, 1) on {@code scratch}.
     */
    private static NDArray offsets(NDArray batch, NDManager scratch) {
        long[] nchw = batch.getShape().getShape();
        int count = Math.toIntExact(nchw[0]);
        int channels = Math.toIntExact(nchw[1]);
        int plane = Math.toIntExact(Math.multiplyExact(nchw[2], nchw[3]));
        int imageSize = Math.multiplyExact(channels, plane);
        Math.multiplyExact(count, imageSize); // indices are int32
        int[] imageStart = new int[count];
        for (int i = 0; i < count; i++) {
            imageStart[i] = i * imageSize;
        }
        int[] channelStart = new int[channels];
        for (int c = 0; c < channels; c++) {
            channelStart[c] = c * plane;
        }
        return scratch.create(imageStart, new Shape(count, 1, 1, 1))
                .add(scratch.create(channelStart, new Shape(1, channels, 1, 1)));
    }

    /**
     * The pixels at whole positions ({@code row}, {@code column}) times {@code columnWeight}, times
     * 0 outside the image and {@code rowWeight} (which holds the row's inside factor).
     */
    private static NDArray gather(
            NDArray batch,
            NDArray offsets,
            NDArray row,
            NDArray column,
            NDArray columnWeight,
            NDArray rowWeight) {
        int height = Math.toIntExact(batch.getShape().get(2));
        int width = Math.toIntExact(batch.getShape().get(3));
        NDArray rowStart = row.clip(0, height - 1).mul((float) width);
        NDArray weight = columnWeight.mul(inside(column, width)).mul(rowWeight);
        // row * width + column < 2^24 is exact in float32 for any image we handle
        NDArray index =
                rowStart.add(column.clip(0, width - 1)).toType(DataType.INT32, false).add(offsets);
        return batch.take(batch.getManager(), index).muli(weight);
    }

    /**
     * 1 where the integer coordinate is in [0, extent), else 0; arithmetic, because MXNet's
     * comparisons cost milliseconds even on small arrays here.
     */
    private static NDArray inside(NDArray coordinate, int extent) {
        return coordinate.add(1f).clip(0, 1).muli(coordinate.neg().add((float) extent).clip(0, 1));
    }
}
