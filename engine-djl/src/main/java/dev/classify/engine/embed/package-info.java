/**
 * Using classify from a Java application: {@link dev.classify.engine.embed.ImageClassifier} loads a
 * trained model folder and classifies images exactly as {@code classify predict} does; {@link
 * dev.classify.engine.embed.TrainingRun} trains from code over the same validated configuration as
 * a YAML file; {@link dev.classify.engine.embed.ClassifyModels} loads a model folder through plain
 * DJL ({@code Criteria}, {@code ZooModel}, {@code Predictor}).
 *
 * <p>Everything here needs the plugins the model was trained with on the class path (for example
 * {@code classify-augment} and {@code classify-models-resnet}) and a DJL engine runtime ({@code
 * ai.djl.mxnet:mxnet-native-mkl}).
 */
package dev.classify.engine.embed;
