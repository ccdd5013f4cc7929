package dev.classify.engine.plugin;

import dev.classify.api.OptionInfo;
import java.util.List;

/**
 * A discovered provider, wrapped so that every call into it runs with the plugin's class loader as
 * the thread's context class loader and reports failures naming the plugin. Each wrapper implements
 * its SPI and forwards every method of it, default methods included (a test checks this, so that a
 * method added to an SPI is not silently answered by its default).
 */
interface PluginDecorator {
    /** Where the wrapped provider came from. */
    PluginOrigin origin();

    /** The plugin's one-line description, as its SPI's {@code description()}. */
    String description();

    /** The plugin's options with their defaults, as its SPI's {@code options()}. */
    List<OptionInfo> options();
}
