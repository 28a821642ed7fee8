package com.vrooli.telemetry.client;

import com.vrooli.telemetry.core.Details;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Set;

/**
 * Takes the caller's details map out of the caller's hands in {@code record}, so that a map (or a
 * map or list inside it) changed afterwards changes nothing, and the background thread never
 * reads a map another thread is changing. Details built only from the JDK's immutable
 * collections ({@code Map.of}, {@code List.of}, {@code Collections.singletonMap}, ...) holding
 * immutable values are kept as they are: nothing can change them, so they cost nothing to keep.
 * Anything else is encoded at once into its compact JSON ({@link Details}): that is both the
 * copy and the text the background thread would have written, and it captures values written
 * with {@code toString()} as they are now. Stateless.
 */
final class DetailsSnapshot {

    /** Past this depth a map is not checked further but encoded, which refuses nesting that deep. */
    private static final int MAX_CHECKED_DEPTH = 33;

    /** Collections of the JDK that cannot change (not views such as {@code unmodifiableMap}). */
    private static final Set<String> IMMUTABLE_SINGLETONS = Set.of(
            "java.util.Collections$EmptyMap", "java.util.Collections$SingletonMap",
            "java.util.Collections$EmptyList", "java.util.Collections$SingletonList",
            "java.util.Collections$EmptySet", "java.util.Collections$SingletonSet");

    private static final ClassValue<Boolean> IMMUTABLE = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            String name = type.getName();
            return name.startsWith("java.util.ImmutableCollections$") || IMMUTABLE_SINGLETONS.contains(name);
        }
    };

    private DetailsSnapshot() {
    }

    /**
     * The pending form of {@code details}: the map itself when nothing in it can change,
     * otherwise its encoded copy.
     *
     * @throws IllegalArgumentException when the details cannot be encoded (a null key, a map that
     *                                  contains itself, nesting too deep)
     */
    static Object of(Map<String, ?> details) {
        if (details == null || isFrozen(details, 0)) {
            return details;
        }
        return Details.of(details);
    }

    private static boolean isFrozen(Object value, int depth) {
        if (value == null || isImmutableScalar(value)) {
            return true;
        }
        if (depth > MAX_CHECKED_DEPTH || !IMMUTABLE.get(value.getClass())) {
            return false;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!isFrozen(e.getKey(), depth + 1) || !isFrozen(e.getValue(), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof Iterable<?> items) {
            for (Object item : items) {
                if (!isFrozen(item, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean isImmutableScalar(Object v) {
        return v instanceof String || v instanceof Integer || v instanceof Long || v instanceof Boolean
                || v instanceof Double || v instanceof Float || v instanceof Short || v instanceof Byte
                || v instanceof Character || v instanceof BigDecimal || v instanceof BigInteger;
    }
}
