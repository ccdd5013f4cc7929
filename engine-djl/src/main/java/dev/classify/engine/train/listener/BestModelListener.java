package dev.classify.engine.train.listener;

import static java.util.Objects.requireNonNull;

import dev.classify.api.EpochEnd;
import dev.classify.api.TrainingListener;
import dev.classify.engine.model.SavedModel;
import dev.classify.engine.plugin.PluginCatalog;
import dev.classify.engine.train.PreparedRun;
import dev.classify.engine.train.RunModule;
import dev.classify.engine.train.RunState;
import dev.classify.report.RunFiles;
import jakarta.inject.Inject;
import java.nio.file.Path;

/**
 * Saves the model of the best epoch so far into the run's {@code model/}: the weight average's
 * parameters with {@code train.ema}.
 */
final class BestModelListener implements TrainingListener {
    private final PreparedRun prepared;
    private final PluginCatalog catalog;
    private final RunState state;
    private final Path folder;

    @Inject
    BestModelListener(
            PreparedRun prepared,
            PluginCatalog catalog,
            RunState state,
            @RunModule.RunFolder Path runDirectory) {
        this.prepared = requireNonNull(prepared, "prepared is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.state = requireNonNull(state, "state is null");
        this.folder = runDirectory.resolve(RunFiles.MODEL);
    }

    @Override
    public void epochFinished(EpochEnd epoch) {
        if (!epoch.best()) {
            return;
        }
        FileWrite.run(
                () ->
                        SavedModel.save(
                                folder,
                                state.keptModel(),
                                prepared.describe().withProvenance(catalog)));
    }
}
