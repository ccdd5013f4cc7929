package dev.classify.datasets;

import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

/** The class names "0".."K-1", computed on access so that a large K costs no memory. */
final class NumberedClassNames extends AbstractList<String> implements RandomAccess {
    private final int size;

    /** Creates the names "0".."size-1". */
    NumberedClassNames(int size) {
        this.size = size;
    }

    @Override
    public String get(int index) {
        return String.valueOf(Objects.checkIndex(index, size));
    }

    @Override
    public int size() {
        return size;
    }
}
