package dev.classify.cli;

/** A command used wrongly, e.g. an output that exists; reported in one line with exit code 2. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
