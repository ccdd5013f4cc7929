package dev.classify.engine.model;

import ai.djl.nn.Block;
import ai.djl.util.Pair;
import dev.classify.api.ConfigurationException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The top-level layers of a network, the children of its block, by the names {@link ModelSummary}
 * shows: DJL's child names without their position prefix ({@code 02stage1} is {@code stage1}). A
 * name two children share (the simple CNN's {@code Conv2d}) is given with its prefix instead
 * ({@code 01Conv2d}). {@code train.freeze} and {@code model.pretrained.exclude} name layers this
 * way; {@code fc} (torchvision's name) also names the last layer holding parameters, the head.
 * Immutable.
 */
public final class TopLevelLayers {
    /** torchvision's name of a ResNet's head, accepted for the last layer holding parameters. */
    public static final String HEAD_ALIAS = "fc";

    private final List<String> keys;
    private final List<Boolean> holdsParameters;

    private TopLevelLayers(List<String> keys, List<Boolean> holdsParameters) {
        this.keys = List.copyOf(keys);
        this.holdsParameters = List.copyOf(holdsParameters);
    }

    /** The top-level layers of {@code network}, initialised or not. */
    public static TopLevelLayers of(Block network) {
        List<String> keys = new ArrayList<>();
        List<Boolean> parameters = new ArrayList<>();
        for (Pair<String, Block> child : network.getChildren()) {
            keys.add(child.getKey());
            parameters.add(!child.getValue().getParameters().isEmpty());
        }
        return new TopLevelLayers(keys, parameters);
    }

    /** DJL's child names, e.g. {@code 01stem}, in forward order. */
    public List<String> keys() {
        return keys;
    }

    /** The name a person gives for the child {@code key}: without its prefix unless shared. */
    public String name(String key) {
        String plain = plain(key);
        long sharing = keys.stream().filter(other -> plain(other).equals(plain)).count();
        return sharing == 1 ? plain : key;
    }

    /** Every layer's name, in forward order. */
    public List<String> names() {
        return keys.stream().map(this::name).toList();
    }

    /** The key of the last layer holding parameters (a classifier's head), or null if none. */
    public String head() {
        for (int i = keys.size() - 1; i >= 0; i--) {
            if (holdsParameters.get(i)) {
                return keys.get(i);
            }
        }
        return null;
    }

    /** The key of the top-level layer holding the parameter named {@code parameterKey}. */
    public String owner(String parameterKey) {
        for (String key : keys) {
            if (parameterKey.startsWith(key + "_")) {
                return key;
            }
        }
        throw new IllegalArgumentException("no layer holds parameter " + parameterKey);
    }

    /**
     * The keys of the layers {@code names} names, in forward order.
     *
     * @param path the configuration key the names come from, for messages
     * @throws ConfigurationException at {@code path} for a name no layer has, listing the names
     */
    public Set<String> resolve(String path, List<String> names) {
        Set<String> wanted = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            String key = key(name);
            if (key == null) {
                unknown.add(name);
            } else {
                wanted.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigurationException(
                    path,
                    "unknown layer"
                            + (unknown.size() == 1 ? " '" + unknown.get(0) + "'" : "s " + unknown)
                            + "; the network's layers are "
                            + names()
                            + (names().equals(keys.stream().map(TopLevelLayers::plain).toList())
                                    ? " (classify summary shows them)"
                                    : ""));
        }
        return keys.stream()
                .filter(wanted::contains)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /**
     * The keys of the layers {@code train.freeze} fixes: they must be the first layers of the
     * network that hold parameters, and not all of them.
     *
     * @throws ConfigurationException at {@code path} for an unknown name, a gap or every layer
     */
    public Set<String> frozen(String path, List<String> names) {
        Set<String> frozen = resolve(path, names);
        if (frozen.isEmpty()) {
            return frozen;
        }
        int last = 0;
        for (int i = 0; i < keys.size(); i++) {
            if (frozen.contains(keys.get(i))) {
                last = i;
            }
        }
        for (int i = 0; i < last; i++) {
            if (holdsParameters.get(i) && !frozen.contains(keys.get(i))) {
                throw new ConfigurationException(
                        path,
                        "freezes "
                                + name(keys.get(last))
                                + " but not "
                                + name(keys.get(i))
                                + " before it; freeze the first layers of the network, e.g. "
                                + namesWithParameters(last + 1));
            }
        }
        boolean trainable = false;
        for (int i = last + 1; i < keys.size(); i++) {
            trainable |= holdsParameters.get(i);
        }
        if (!trainable) {
            throw new ConfigurationException(
                    path,
                    "freezes every layer that holds parameters, so nothing would train; leave at"
                            + " least the last one ("
                            + name(head())
                            + ") out");
        }
        // The layers without parameters between the frozen ones run in the frozen part.
        return new LinkedHashSet<>(keys.subList(0, last + 1));
    }

    /** The names of the layers holding parameters among the first {@code count}. */
    private List<String> namesWithParameters(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (holdsParameters.get(i)) {
                names.add(name(keys.get(i)));
            }
        }
        return names;
    }

    private String key(String name) {
        if (name.equals(HEAD_ALIAS) && !names().contains(HEAD_ALIAS)) {
            return head();
        }
        for (String key : keys) {
            if (name(key).equals(name) || key.equals(name)) {
                return key;
            }
        }
        return null;
    }

    /**
     * Whether the parameter named {@code parameterKey} belongs to one of the layers {@code keys}.
     */
    public static boolean isIn(String parameterKey, Set<String> keys) {
        for (String key : keys) {
            if (parameterKey.startsWith(key + "_")) {
                return true;
            }
        }
        return false;
    }

    private static String plain(String key) {
        return key.replaceFirst("^[0-9]+", "");
    }
}
