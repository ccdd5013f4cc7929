package dev.classify.engine.model.weights;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the ResNet options a torchvision or timm weights file implies from its tensor names and
 * shapes: {@code depth} (units per stage, and whether they are bottlenecks), {@code stem} (a 7x7 or
 * 3x3 {@code conv1}), {@code width} (the channels of {@code conv1} over 64) and, for
 * squeeze-and-excitation, {@code reduction} (channels over hidden width in the last stage). An
 * option that cannot be read is left out. Stateless.
 */
final class FileLayout {
    private static final Pattern UNIT = Pattern.compile("^layer(\\d+)\\.(\\d+)\\.");
    private static final Map<String, Integer> DEPTHS =
            Map.of(
                    "basic[2, 2, 2, 2]", 18,
                    "basic[3, 4, 6, 3]", 34,
                    "bottleneck[3, 4, 6, 3]", 50,
                    "bottleneck[3, 4, 23, 3]", 101,
                    "bottleneck[3, 8, 36, 3]", 152);

    private FileLayout() {}

    /** The options {@code file} implies, in the order depth, stem, width, reduction. */
    static Map<String, Object> options(SafetensorsFile file) {
        Map<String, SafetensorsFile.Entry> entries = file.entries();
        Map<String, Object> options = new LinkedHashMap<>();
        Integer depth = DEPTHS.get(kind(entries) + unitsPerStage(entries));
        if (depth != null) {
            options.put("depth", depth);
        }
        SafetensorsFile.Entry stem = entries.get("conv1.weight");
        if (stem != null && stem.shape().length == 4) {
            long kernel = stem.shape()[2];
            if (kernel == 7 || kernel == 3) {
                options.put("stem", kernel == 7 ? "imagenet" : "small");
            }
            long channels = stem.shape()[0];
            if (channels != 64 && channels > 0) {
                options.put("width", channels / 64.0);
            }
        }
        SafetensorsFile.Entry squeeze = lastSqueeze(entries);
        if (squeeze != null && squeeze.shape().length >= 2 && squeeze.shape()[0] > 0) {
            long hidden = squeeze.shape()[0];
            long channels = squeeze.shape()[1];
            if (channels % hidden == 0) {
                options.put("reduction", Math.toIntExact(channels / hidden));
            }
        }
        return options;
    }

    private static String kind(Map<String, SafetensorsFile.Entry> entries) {
        return entries.containsKey("layer1.0.conv3.weight") ? "bottleneck" : "basic";
    }

    /** The number of units in each stage, from the largest unit index of each layerN. */
    private static String unitsPerStage(Map<String, SafetensorsFile.Entry> entries) {
        Map<Integer, Integer> units = new TreeMap<>();
        for (String name : entries.keySet()) {
            Matcher unit = UNIT.matcher(name);
            if (unit.find()) {
                units.merge(
                        Integer.parseInt(unit.group(1)),
                        Integer.parseInt(unit.group(2)) + 1,
                        Math::max);
            }
        }
        return units.values().toString();
    }

    /** The first squeeze-and-excitation reduction of the last stage that has one. */
    private static SafetensorsFile.Entry lastSqueeze(Map<String, SafetensorsFile.Entry> entries) {
        for (int stage = 4; stage >= 1; stage--) {
            SafetensorsFile.Entry entry = entries.get("layer" + stage + ".0.se.fc1.weight");
            if (entry != null) {
                return entry;
            }
        }
        return null;
    }
}
