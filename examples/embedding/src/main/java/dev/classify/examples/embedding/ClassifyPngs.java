package dev.classify.examples.embedding;

import dev.classify.api.InvalidDataException;
import dev.classify.engine.embed.ImageClassifier;
import dev.classify.engine.embed.Prediction;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Classifies image files with a trained classify model, using only the embedding API: {@code
 * ClassifyPngs MODEL_OR_RUN_DIR IMAGE...} prints {@code file<TAB>class<TAB>probability} for each
 * image, in order. Exit code 2 for bad input.
 */
public final class ClassifyPngs {
    private ClassifyPngs() {}

    /** Runs the example; see the class comment. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Classifies the images named in {@code args} and prints one line per image to {@code out}.
     *
     * @return the exit code: 0 success, 2 bad usage or bad input (a message on {@code err})
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2) {
            err.println("usage: ClassifyPngs MODEL_OR_RUN_DIR IMAGE.png...");
            return 2;
        }
        try (ImageClassifier classifier = ImageClassifier.load(Path.of(args[0]))) {
            List<Path> files = new ArrayList<>();
            List<BufferedImage> images = new ArrayList<>();
            for (int i = 1; i < args.length; i++) {
                Path file = Path.of(args[i]);
                BufferedImage image = read(file);
                if (image.getWidth() != classifier.width()
                        || image.getHeight() != classifier.height()) {
                    throw new InvalidDataException(
                            file,
                            "the image is "
                                    + image.getWidth()
                                    + "x"
                                    + image.getHeight()
                                    + " but the model takes "
                                    + classifier.width()
                                    + "x"
                                    + classifier.height()
                                    + "; resize it first");
                }
                files.add(file);
                images.add(image);
            }
            List<Prediction> predictions = classifier.classifyAll(images);
            for (int i = 0; i < files.size(); i++) {
                Prediction prediction = predictions.get(i);
                out.printf(
                        Locale.ROOT,
                        "%s\t%s\t%.4f%n",
                        files.get(i),
                        prediction.className(),
                        prediction.probability());
            }
            return 0;
        } catch (InvalidDataException e) {
            err.println("ClassifyPngs: " + e.getMessage());
            return 2;
        }
    }

    private static BufferedImage read(Path file) {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new InvalidDataException(file, "cannot read the image (" + e.getMessage() + ")");
        }
        if (image == null) {
            throw new InvalidDataException(
                    file, "not an image format Java reads; give PNG, JPEG, BMP or GIF files");
        }
        return image;
    }
}
