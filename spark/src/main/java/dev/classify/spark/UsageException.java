package dev.classify.spark;

/** A job used wrongly, e.g. an output that exists; one line and exit code 2. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
