package dev.classify.engine.runtime;

/**
 * Keeps DJL off the network: unless the user chose otherwise, sets offline mode (no native or model
 * downloads) and opts out of DJL's usage tracking, which otherwise calls a cloud metadata address
 * when the engine starts. DJL reads both from the environment or from system properties.
 */
public final class OfflineDefaults {
    private OfflineDefaults() {}

    /** Sets the system properties {@code ai.djl.offline} and {@code OPT_OUT_TRACKING} if unset. */
    public static void apply() {
        if (System.getenv("DJL_OFFLINE") == null && System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getenv("OPT_OUT_TRACKING") == null
                && System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
    }
}
