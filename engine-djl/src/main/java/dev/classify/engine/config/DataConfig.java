package dev.classify.engine.config;

import dev.classify.api.Problems;

/**
 * The data of a run.
 *
 * @param train the labelled training images; the validation hold-out is taken from them
 * @param test the images to predict after training, or {@code null} for none
 * @param validation how the hold-out is drawn from {@code train}
 */
public record DataConfig(SourceConfig train, SourceConfig test, ValidationConfig validation) {
    /** Fills the default hold-out (a tenth of the training images, seed 42). */
    public DataConfig {
        validation = validation == null ? new ValidationConfig(null, null, null) : validation;
    }

    /** Records problems under {@code path}. */
    public void validate(String path, Problems problems) {
        if (train == null) {
            problems.add(path + ".train", "is required: give the training images and labels");
        } else {
            // Whether a labels file is required depends on the dataset plugin: the catalog checks.
            train.validate(path + ".train", problems);
        }
        if (test != null) {
            test.validate(path + ".test", problems);
        }
        validation.validate(path + ".validation", problems);
    }
}
