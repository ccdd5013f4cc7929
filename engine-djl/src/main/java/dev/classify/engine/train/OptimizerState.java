package dev.classify.engine.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Saves and restores the state of a DJL optimizer: momentum buffers (Sgd, Nag), first and second
 * moments (Adam, AdamW) and the per-parameter update counts that Adam's bias correction reads.
 *
 * <p>DJL 0.36 exposes no optimizer state, and its {@code SaveModelTrainingListener} saves
 * parameters only, so a resumed run would restart momentum from zero and Adam's bias correction
 * from step 1: not the same training. The state sits in private fields, so this class reads them by
 * reflection over the optimizer's class hierarchy: every {@code Map<String, Map<Device, NDArray>>}
 * (into an NDList file, entries named {@code field/parameterName}) and every {@code Map<String,
 * Integer>} (into JSON). DJL keys both by {@link Parameter#getId()}, a random UUID per parameter
 * instance; the files use the parameter's name in the block instead, so that the state fits a
 * freshly built block of the same architecture. Not thread safe.
 */
final class OptimizerState {
    static final String ARRAYS_FILE = "optimizer.ndlist";
    static final String COUNTS_FILE = "optimizer.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private OptimizerState() {}

    /** Writes the state of {@code optimizer}, which updates {@code block}, into {@code folder}. */
    static void save(Optimizer optimizer, Block block, Path folder) throws IOException {
        Map<String, String> names = new HashMap<>();
        block.getParameters().forEach(pair -> names.put(pair.getValue().getId(), pair.getKey()));
        NDList arrays = new NDList();
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        for (Field field : stateFields(optimizer.getClass())) {
            Map<?, ?> map = (Map<?, ?>) read(field, optimizer);
            if (map == null) {
                continue;
            }
            String fieldName = field.getName();
            if (isArrayMap(field)) {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    Map<?, ?> perDevice = (Map<?, ?>) entry.getValue();
                    if (perDevice.isEmpty()) {
                        continue;
                    }
                    // One device trains here; with several, DJL keeps equal copies per device.
                    NDArray array = (NDArray) perDevice.values().iterator().next();
                    NDArray copy = array.duplicate();
                    copy.setName(fieldName + "/" + name(names, (String) entry.getKey()));
                    arrays.add(copy);
                }
            } else {
                Map<String, Integer> byName = new LinkedHashMap<>();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    byName.put(name(names, (String) entry.getKey()), (Integer) entry.getValue());
                }
                counts.put(fieldName, byName);
            }
        }
        try {
            Files.write(folder.resolve(ARRAYS_FILE), arrays.encode());
        } finally {
            arrays.close();
        }
        JSON.writeValue(folder.resolve(COUNTS_FILE).toFile(), counts);
    }

    /**
     * Restores the state in {@code folder} into {@code optimizer}, a freshly built optimizer of the
     * configuration that saved it, updating {@code block} on {@code devices} (each gets its copy,
     * as DJL keeps one per device). The arrays are attached to {@code manager}, which must live as
     * long as the training.
     */
    static void restore(
            Optimizer optimizer, Block block, NDManager manager, List<Device> devices, Path folder)
            throws IOException {
        Map<String, String> ids = new HashMap<>();
        block.getParameters().forEach(pair -> ids.put(pair.getKey(), pair.getValue().getId()));
        Map<String, Map<String, Integer>> counts =
                JSON.readValue(folder.resolve(COUNTS_FILE).toFile(), new TypeReference<>() {});
        Map<String, List<NDArray>> arraysByField = new HashMap<>();
        NDList arrays;
        try (InputStream in = Files.newInputStream(folder.resolve(ARRAYS_FILE))) {
            arrays = NDList.decode(manager, in);
        }
        for (NDArray array : arrays) {
            String name = array.getName();
            int slash = name.indexOf('/');
            arraysByField
                    .computeIfAbsent(name.substring(0, slash), k -> new ArrayList<>())
                    .add(array);
        }
        for (Field field : stateFields(optimizer.getClass())) {
            @SuppressWarnings("unchecked")
            Map<Object, Object> map = (Map<Object, Object>) read(field, optimizer);
            if (isArrayMap(field)) {
                List<NDArray> saved = arraysByField.getOrDefault(field.getName(), List.of());
                if (map == null) {
                    map = new ConcurrentHashMap<>();
                    write(field, optimizer, map);
                }
                map.clear();
                for (NDArray array : saved) {
                    String parameter = array.getName().substring(field.getName().length() + 1);
                    Map<Device, NDArray> perDevice = new ConcurrentHashMap<>();
                    for (Device device : devices) {
                        perDevice.put(device, array.toDevice(device, false));
                    }
                    map.put(id(ids, parameter), perDevice);
                }
            } else {
                Map<String, Integer> saved = counts.getOrDefault(field.getName(), Map.of());
                if (map == null) {
                    map = new ConcurrentHashMap<>();
                    write(field, optimizer, map);
                }
                map.clear();
                for (Map.Entry<String, Integer> entry : saved.entrySet()) {
                    map.put(id(ids, entry.getKey()), entry.getValue());
                }
            }
        }
    }

    /** The fields holding per-parameter state, from the optimizer's class up to Optimizer. */
    private static List<Field> stateFields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (isArrayMap(field) || isCountMap(field)) {
                    field.setAccessible(true);
                    fields.add(field);
                }
            }
        }
        return fields;
    }

    private static boolean isArrayMap(Field field) {
        Type[] arguments = mapArguments(field.getGenericType());
        if (arguments == null || arguments[0] != String.class) {
            return false;
        }
        Type[] inner = mapArguments(arguments[1]);
        return inner != null && inner[0] == Device.class && inner[1] == NDArray.class;
    }

    private static boolean isCountMap(Field field) {
        Type[] arguments = mapArguments(field.getGenericType());
        return arguments != null && arguments[0] == String.class && arguments[1] == Integer.class;
    }

    private static Type[] mapArguments(Type type) {
        if (type instanceof ParameterizedType parameterized
                && parameterized.getRawType() == Map.class) {
            return parameterized.getActualTypeArguments();
        }
        return null;
    }

    private static String name(Map<String, String> names, String id) {
        return names.getOrDefault(id, id);
    }

    private static String id(Map<String, String> ids, String name) {
        return ids.getOrDefault(name, name);
    }

    private static Object read(Field field, Object target) {
        try {
            return field.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read optimizer state " + field, e);
        }
    }

    private static void write(Field field, Object target, Object value) {
        try {
            field.set(target, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot restore optimizer state " + field, e);
        }
    }
}
