/**
 * The service provider interfaces of classify: {@link dev.classify.api.ModelProvider}, {@link
 * dev.classify.api.AugmenterProvider}, {@link dev.classify.api.DatasetProvider} and {@link
 * dev.classify.api.TrainingListenerProvider}, with the small value types they exchange.
 *
 * <p>A plugin implements one or more providers against this package alone (plus {@code
 * ai.djl:api}), declares them in {@code META-INF/services}, and is found by {@link
 * java.util.ServiceLoader}. Nothing here depends on Guice, Jackson or a native engine.
 */
package dev.classify.api;
