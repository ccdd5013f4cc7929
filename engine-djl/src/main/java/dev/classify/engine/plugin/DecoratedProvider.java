package dev.classify.engine.plugin;

import static java.util.Objects.requireNonNull;

import dev.classify.api.OptionInfo;
import java.util.List;
import java.util.function.Supplier;

/**
 * A discovered provider, wrapped so that every call into it runs with the plugin's class loader as
 * the thread's context class loader and reports failures naming the plugin (see {@link
 * PluginCall}). This class answers the methods every SPI shares ({@code name}, {@code description},
 * {@code options}); each subclass implements its SPI and forwards the rest of it, default methods
 * included (a test checks this, so that a method added to an SPI is not silently answered by its
 * default instead of the plugin).
 *
 * <p>Immutable and thread safe.
 */
abstract class DecoratedProvider {
    /** The calls into the wrapped provider. */
    final PluginCall call;

    private final Supplier<String> description;
    private final Supplier<List<OptionInfo>> options;

    DecoratedProvider(
            PluginCall call, Supplier<String> description, Supplier<List<OptionInfo>> options) {
        this.call = requireNonNull(call, "call is null");
        this.description = requireNonNull(description, "description is null");
        this.options = requireNonNull(options, "options is null");
    }

    /** Where the wrapped provider came from. */
    public final PluginOrigin origin() {
        return call.origin();
    }

    /** The name read once at discovery. */
    public final String name() {
        return call.origin().name();
    }

    /** The plugin's one-line description, as its SPI's {@code description()}. */
    public final String description() {
        return call.call("description", description);
    }

    /** The plugin's options with their defaults, as its SPI's {@code options()}. */
    public final List<OptionInfo> options() {
        return call.call("options", options);
    }

    @Override
    public final String toString() {
        return call.origin().describe();
    }
}
