package dev.classify.datasets;

import java.util.List;

/**
 * Rearranges values stored in Fortran (column-major) order into C (row-major) order, as NumPy's
 * {@code np.ascontiguousarray} does. Stateless.
 */
final class FortranOrder {
    private FortranOrder() {}

    /** Returns the C-order copy of {@code values}, stored column-major with {@code shape}. */
    static byte[] toC(byte[] values, List<Integer> shape) {
        byte[] result = new byte[values.length];
        forEachElement(shape, values.length, (target, source) -> result[target] = values[source]);
        return result;
    }

    /** Returns the C-order copy of {@code values}, stored column-major with {@code shape}. */
    static float[] toC(float[] values, List<Integer> shape) {
        float[] result = new float[values.length];
        forEachElement(shape, values.length, (target, source) -> result[target] = values[source]);
        return result;
    }

    /** Moves one element from a Fortran-order position to a C-order position. */
    private interface Move {
        void apply(int target, int source);
    }

    /**
     * Calls {@code move} with each C-order position and the Fortran-order position of the same
     * element. Walks the C index like an odometer (last axis fastest) and keeps the Fortran offset
     * in step, so each element costs O(1) amortised and no index table is allocated.
     */
    private static void forEachElement(List<Integer> shape, int count, Move move) {
        int rank = shape.size();
        int[] fortranStrides = new int[rank];
        int stride = 1;
        for (int axis = 0; axis < rank; axis++) {
            fortranStrides[axis] = stride;
            stride *= shape.get(axis);
        }
        int[] index = new int[rank];
        int offset = 0;
        for (int i = 0; i < count; i++) {
            move.apply(i, offset);
            for (int axis = rank - 1; axis >= 0; axis--) {
                index[axis]++;
                offset += fortranStrides[axis];
                if (index[axis] < shape.get(axis)) {
                    break;
                }
                offset -= index[axis] * fortranStrides[axis];
                index[axis] = 0;
            }
        }
    }
}
