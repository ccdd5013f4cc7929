package dev.classify.spark;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The root that ids are relative to: the path given, or for a glob the folder before its first
 * wildcard; qualified with its file system, as Spark writes the paths it lists. Stateless.
 */
final class InputRoots {
    private static final String WILDCARDS = "*?[{";

    private InputRoots() {}

    /** The folder ids of {@code pathOrGlob}'s files are relative to, qualified by {@code fs}. */
    static Path base(Path pathOrGlob, FileSystem fs) {
        Path base = pathOrGlob;
        while (base != null && hasWildcard(base.getName())) {
            base = base.getParent();
        }
        if (base == null) {
            base = new Path("/");
        }
        return fs.makeQualified(base);
    }

    /**
     * {@code path} relative to {@code base} (both qualified), or the file name when it lies
     * elsewhere; {@code base} itself (one file given) is its file name.
     */
    static String relative(String base, String path) {
        String prefix = base.endsWith("/") ? base : base + "/";
        if (path.startsWith(prefix)) {
            return path.substring(prefix.length());
        }
        return new Path(path).getName();
    }

    private static boolean hasWildcard(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (WILDCARDS.indexOf(name.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }
}
