package dev.classify.engine.plugin;

/**
 * A plugin failed in a way that is neither a configuration nor a data problem: a bug in it (an
 * unexpected exception) or a jar that lacks a library it needs. The message is one line naming the
 * plugin (kind, name, class, jar) and what went wrong; the cause is the plugin's own throwable. The
 * command line reports it with exit code 1.
 */
public final class PluginException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure of a plugin.
     *
     * @param message one line naming the plugin (see {@link PluginOrigin#describe()}) and what went
     *     wrong
     * @param cause the plugin's own throwable
     */
    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
