package dev.classify.api;

/**
 * Where an epoch's training stands after one batch.
 *
 * @param epoch the epoch, from 1
 * @param batch the batches finished in this epoch, from 1
 * @param batches the training batches of the epoch
 * @param images the training images seen so far in this epoch
 */
public record BatchProgress(int epoch, int batch, int batches, int images) {}
