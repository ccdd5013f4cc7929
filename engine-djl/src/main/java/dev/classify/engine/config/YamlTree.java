package dev.classify.engine.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.classify.api.ConfigurationException;
import dev.classify.api.InvalidDataException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The configuration's YAML: read from a file with its size bounded, checked by a {@link YamlScan}
 * (aliases, anchors, {@code .inf} and {@code .nan}, syntax errors with their line and column) and
 * parsed into a Jackson tree. A configuration is a few kilobytes; far larger input is a mistake (a
 * data file given as {@code --config}, a device) that the YAML scanner would take minutes over.
 * Thread safe.
 */
final class YamlTree {
    /**
     * The most characters (and file bytes) a configuration may have: 256 KiB, a hundred times a
     * large configuration. SnakeYAML takes about a second per 100 KiB of some inputs (one long
     * line), so the bound keeps parsing under a second.
     */
    static final int MAX_CHARACTERS = 1 << 18;

    private final ObjectMapper mapper;

    /** Reads YAML with {@code mapper}, whose factory should come from {@link #factory()}. */
    YamlTree(ObjectMapper mapper) {
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    /**
     * Parses a whole configuration, read from {@code source}.
     *
     * @return the tree; {@code null} or a missing node for an empty document
     * @throws InvalidDataException when {@code text} is too long or not YAML, naming the line and
     *     column and keeping the parser's problem
     * @throws ConfigurationException listing every alias, anchor, {@code .inf} and {@code .nan},
     *     each with its key and line
     */
    JsonNode readDocument(String text, Path source) {
        checkLength(text, source);
        YamlScan scan = new YamlScan("", true);
        Optional<YamlScan.SyntaxError> error;
        try {
            error = scan.scan(mapper, text);
        } catch (IOException e) {
            String where =
                    e instanceof JacksonException jackson && jackson.getLocation() != null
                            ? " at line " + jackson.getLocation().getLineNr()
                            : "";
            throw new InvalidDataException(source, "not valid YAML" + where + ": " + firstLine(e));
        }
        if (error.isPresent()) {
            throw new InvalidDataException(
                    source,
                    "not valid YAML at "
                            + error.get().describe(true)
                            + "; correct the YAML there (indent with spaces, close quotes and"
                            + " brackets)");
        }
        return read(text, scan, source.toString());
    }

    /**
     * Parses a command-line value for {@code key} (e.g. {@code --set model.channels}).
     *
     * @return the value's tree; {@code null} or a missing node for an empty value
     * @throws ConfigurationException naming {@code key} when the value is too long or not YAML, or
     *     holds an alias, an anchor, {@code .inf} or {@code .nan}
     */
    JsonNode readValue(String text, String key) {
        checkLength(text, key);
        YamlScan scan = new YamlScan(key, false);
        Optional<YamlScan.SyntaxError> error;
        try {
            error = scan.scan(mapper, text);
        } catch (IOException e) {
            throw new ConfigurationException(key, "value is not valid YAML: " + firstLine(e));
        }
        if (error.isPresent()) {
            throw new ConfigurationException(
                    key,
                    "value is not valid YAML at "
                            + error.get().describe(false)
                            + "; quote the value if it is text, e.g. --set 'key=\"a: b\"'");
        }
        return read(text, scan, key);
    }

    private JsonNode read(String text, YamlScan scan, String source) {
        if (!scan.problems().isEmpty()) {
            throw new ConfigurationException(scan.problems());
        }
        try {
            return mapper.readTree(text);
        } catch (JacksonException e) {
            // The scan read every token: only a value Jackson cannot convert is left.
            throw new ConfigurationException(source, "not valid YAML: " + firstLine(e));
        }
    }

    private static String firstLine(Exception e) {
        String message =
                e instanceof JacksonException jackson
                        ? jackson.getOriginalMessage()
                        : e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** A YAML factory whose parser refuses documents over {@link #MAX_CHARACTERS} code points. */
    static YAMLFactory factory() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CHARACTERS);
        // The builder does not start from YAMLFactory's defaults: an empty value stays null.
        return YAMLFactory.builder()
                .loaderOptions(options)
                .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
                .build();
    }

    /**
     * Refuses a command-line value of more than {@link #MAX_CHARACTERS} characters before it is
     * parsed (SnakeYAML checks its limit only between tokens, so one long scalar passes it).
     *
     * @throws ConfigurationException naming {@code key}
     */
    static void checkLength(String text, String key) {
        if (text.length() > MAX_CHARACTERS) {
            throw new ConfigurationException(
                    key,
                    "the value is "
                            + text.length()
                            + " characters, more than the "
                            + MAX_CHARACTERS
                            + " a configuration may have; give a short value");
        }
    }

    /**
     * Refuses {@code text} of more than {@link #MAX_CHARACTERS} characters before it is parsed.
     *
     * @throws InvalidDataException naming {@code source}
     */
    static void checkLength(String text, Path source) {
        if (text.length() > MAX_CHARACTERS) {
            throw tooLarge(source, text.length() + " characters");
        }
    }

    /**
     * Reads the configuration file {@code file} as UTF-8 text.
     *
     * @throws InvalidDataException when the file is missing, unreadable, a folder, not a regular
     *     file (a device or a pipe, which may never end), larger than {@link #MAX_CHARACTERS} bytes
     *     or not UTF-8
     */
    static String readFile(Path file) {
        if (Files.isDirectory(file)) {
            throw new InvalidDataException(
                    file, "cannot read the configuration (is a folder); give a YAML file");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new InvalidDataException(
                    file,
                    "is not a regular file but a device, pipe or socket, which may never end;"
                            + " give a YAML file");
        }
        try {
            long size = Files.size(file);
            if (size > MAX_CHARACTERS) {
                throw tooLarge(file, size + " bytes");
            }
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidDataException(file, "configuration file not found; check the path");
        } catch (AccessDeniedException e) {
            throw new InvalidDataException(
                    file, "permission denied reading the configuration; check its permissions");
        } catch (MalformedInputException e) {
            throw new InvalidDataException(
                    file, "the configuration is not UTF-8 text; save it as UTF-8");
        } catch (IOException e) {
            throw new InvalidDataException(
                    file,
                    "cannot read the configuration (" + e.getMessage() + "); give a YAML file");
        }
    }

    private static InvalidDataException tooLarge(Path source, String size) {
        return new InvalidDataException(
                source,
                "the configuration is "
                        + size
                        + ", more than the "
                        + MAX_CHARACTERS
                        + " a configuration may have; give the YAML configuration (a few"
                        + " kilobytes), not a data file");
    }
}
