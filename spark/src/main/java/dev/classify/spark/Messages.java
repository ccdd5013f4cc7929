package dev.classify.spark;

import java.nio.file.Path;

/** Error messages that name a file by its Hadoop path (which {@link Path} would rewrite). */
final class Messages {
    private Messages() {}

    /**
     * {@code e}'s message, which starts with {@code Path.of(file)}, starting with {@code file} as
     * given instead ({@code hdfs://host/x}, which {@link Path} writes {@code hdfs:/host/x}).
     */
    static String naming(String file, Exception e) {
        String message = String.valueOf(e.getMessage());
        String named = Path.of(file) + ": ";
        return message.startsWith(named)
                ? file + ": " + message.substring(named.length())
                : message;
    }
}
