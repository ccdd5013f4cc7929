package dev.classify.spark;

import java.util.Iterator;
import java.util.List;

/**
 * A partition's images, in input order, in batches of at most the batch size: each image either its
 * pixels (C x H x W float32 in [0, 1], the classifier's shape) or the error that kept it from being
 * read.
 */
interface ImageBatches extends Iterator<List<ImageBatches.Image>> {

    /**
     * One image of a batch.
     *
     * @param id its id
     * @param pixels its pixels, or null when it failed
     * @param error what went wrong, naming the file, or null
     */
    record Image(String id, float[] pixels, String error) {
        static Image of(String id, float[] pixels) {
            return new Image(id, pixels, null);
        }

        static Image failed(String id, String error) {
            return new Image(id, null, error);
        }
    }
}
