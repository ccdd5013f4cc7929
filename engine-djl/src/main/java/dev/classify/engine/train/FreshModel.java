package dev.classify.engine.train;

import static java.util.Objects.requireNonNull;

import ai.djl.Model;
import dev.classify.engine.plugin.PluginCatalog;
import dev.classify.engine.train.finetune.FrozenNetwork;
import dev.classify.engine.train.finetune.PretrainedStart;

/**
 * A run's network in a new DJL model as a fresh run starts it ({@link ModelStart} without a
 * checkpoint), for training outside a run ({@code classify lr-find}): the model plugin's block, the
 * layers of {@code train.freeze} frozen ({@link FrozenNetwork}) and the parameters of {@code
 * model.pretrained} loaded ({@link PretrainedStart}) when configured; otherwise uninitialised, for
 * the trainer to initialise.
 */
public final class FreshModel {
    private FreshModel() {}

    /**
     * Returns the new model, which the caller closes.
     *
     * @param listener hears which layers the pretrained parameters skipped
     * @throws dev.classify.api.ConfigurationException at {@code model.pretrained} when its source
     *     does not fit
     */
    public static Model create(PreparedRun prepared, PluginCatalog catalog, RunListener listener) {
        requireNonNull(prepared, "prepared is null");
        requireNonNull(catalog, "catalog is null");
        Model model = Model.newInstance("classify", prepared.device(), prepared.engine());
        try {
            model.setBlock(
                    FrozenNetwork.freeze(
                            catalog.model("model.type", prepared.config().model().type())
                                    .create(prepared.spec()),
                            prepared.config().train().freeze()));
            PretrainedStart pretrained = new PretrainedStart(prepared, catalog, listener);
            if (pretrained.configured()) {
                pretrained.load(model);
            }
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }
}
