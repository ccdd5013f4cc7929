package dev.classify.engine.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * One pass over the tokens of a YAML text before it becomes a tree, for what the tree would get
 * wrong silently or report badly: an alias ({@code *norm}), which Jackson reads as the plain text
 * {@code norm}, and an anchor ({@code &norm}); {@code .inf} and {@code .nan}, which Jackson's
 * number parsing rejects as a "malformed numeric value"; and syntax errors, whose SnakeYAML problem
 * and position Jackson's message buries in several lines. Not thread safe; one scan per text.
 */
final class YamlScan {
    private static final Pattern INFINITY = Pattern.compile("[-+]?\\.(inf|Inf|INF)");
    private static final Pattern NOT_A_NUMBER = Pattern.compile("\\.(nan|NaN|NAN)");

    /** A syntax error: the parser's problem, its position and what it was reading. */
    record SyntaxError(String problem, int line, int column) {
        /** {@code line L, column C: problem}, or {@code column C: problem} for one line of text. */
        String describe(boolean withLine) {
            return (withLine ? "line " + line + ", column " + column : "column " + column)
                    + ": "
                    + problem;
        }
    }

    /** An anchor, an alias or a number: its name or text, the key it is the value of, its line. */
    private record Node(String name, String key, int line) {}

    /** One problem line and the line of the YAML text it is about, to sort by. */
    private record Problem(int line, String text) {}

    private final String prefix;
    private final boolean withLines;
    private final Map<String, Node> anchors = new LinkedHashMap<>();
    private final List<Node> aliases = new ArrayList<>();
    private final List<Node> notFinite = new ArrayList<>();

    /**
     * @param prefix the key the text is the value of ({@code --set model.channels}), or empty for a
     *     whole configuration
     * @param withLines whether problems name their line (a file, not a one-line value)
     */
    YamlScan(String prefix, boolean withLines) {
        this.prefix = prefix;
        this.withLines = withLines;
    }

    /**
     * Scans {@code text}.
     *
     * @return the syntax error that ended the scan, if any
     * @throws IOException on another parse failure (an input limit), with Jackson's message
     */
    Optional<SyntaxError> scan(ObjectMapper mapper, String text) throws IOException {
        try (JsonParser parser = mapper.createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                check(parser, token);
            }
            return Optional.empty();
        } catch (JacksonException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof MarkedYAMLException marked) {
                    return Optional.of(syntaxError(marked));
                }
            }
            throw e;
        }
    }

    /**
     * One {@code key: problem} line for every alias (naming its anchor's line when known), every
     * anchor no alias uses, and every {@code .inf} and {@code .nan}, in the order of their lines.
     */
    List<String> problems() {
        List<Problem> problems = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Node alias : aliases) {
            used.add(alias.name());
            Node anchor = anchors.get(alias.name());
            problems.add(
                    problem(
                            alias,
                            "*"
                                    + alias.name()
                                    + " is a YAML alias"
                                    + (anchor != null && withLines
                                            ? " of &" + anchor.name() + " on line " + anchor.line()
                                            : "")
                                    + "; anchors (&) and aliases (*) are not read, write the value"
                                    + " out in full"));
        }
        for (Node anchor : anchors.values()) {
            if (!used.contains(anchor.name())) {
                problems.add(
                        problem(
                                anchor,
                                "&"
                                        + anchor.name()
                                        + " is a YAML anchor; anchors (&) and aliases (*) are not"
                                        + " read, remove it"));
            }
        }
        for (Node value : notFinite) {
            problems.add(
                    problem(
                            value,
                            value.name()
                                    + " is not allowed here; give a finite number such as 0.5"));
        }
        return problems.stream()
                .sorted(Comparator.comparingInt(Problem::line))
                .map(Problem::text)
                .toList();
    }

    /** {@code problem} about {@code node}: {@code key: line N: problem}. */
    private Problem problem(Node node, String problem) {
        return new Problem(
                node.line(),
                node.key() + ": " + (withLines ? "line " + node.line() + ": " : "") + problem);
    }

    private void check(JsonParser parser, JsonToken token) throws IOException {
        int line = parser.currentTokenLocation().getLineNr();
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            aliases.add(new Node(parser.getText(), key(parser.getParsingContext()), line));
            return;
        }
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            // The anchor of a map or list (Jackson shows no anchor of a single value); the new
            // map's key or index is its parent context's.
            if (parser.getObjectId() instanceof String name && !anchors.containsKey(name)) {
                anchors.put(
                        name, new Node(name, key(parser.getParsingContext().getParent()), line));
            }
            return;
        }
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            String text = parser.getText();
            if (INFINITY.matcher(text).matches()) {
                notFinite.add(
                        new Node(text + " (infinity)", key(parser.getParsingContext()), line));
            } else if (NOT_A_NUMBER.matcher(text).matches()) {
                notFinite.add(
                        new Node(text + " (not a number)", key(parser.getParsingContext()), line));
            }
        }
    }

    /** The key a problem at {@code context} is reported under. */
    private String key(JsonStreamContext context) {
        String path = path(context);
        if (prefix.isEmpty()) {
            return path.isEmpty() ? "(top level)" : path;
        }
        return prefix + (path.isEmpty() || path.startsWith("[") ? path : "." + path);
    }

    /** The key path of {@code context}, e.g. {@code augment.eval[0].mean}; empty at the root. */
    private static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.addFirst("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                parts.addFirst("." + c.getCurrentName());
            }
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    private static SyntaxError syntaxError(MarkedYAMLException e) {
        Mark mark = e.getProblemMark();
        String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
        Mark contextMark = e.getContextMark();
        if (e.getContext() != null
                && contextMark != null
                && (mark == null || contextMark.getLine() != mark.getLine())) {
            problem +=
                    " ("
                            + e.getContext()
                            + " that starts at line "
                            + (contextMark.getLine() + 1)
                            + ", column "
                            + (contextMark.getColumn() + 1)
                            + ")";
        }
        return mark == null
                ? new SyntaxError(problem, 1, 1)
                : new SyntaxError(problem, mark.getLine() + 1, mark.getColumn() + 1);
    }
}
