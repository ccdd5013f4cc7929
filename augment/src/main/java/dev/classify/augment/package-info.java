/**
 * Augmenter plugins: batch-level transforms on NCHW float32 tensors, each a {@link
 * dev.classify.api.AugmenterProvider} with validated options and seeded random draws.
 */
package dev.classify.augment;
