package lsmdb.core.cache;

import java.util.function.LongConsumer;

/**
 * A map from long keys to values for a read-mostly set (the open tables): lookups read one immutable open-addressing
 * table through a volatile field, taking no lock and boxing no key; every change builds a new table under the
 * map's lock. Changes cost O(capacity), which suits a set that changes once per table opened or dropped.
 */
final class CopyOnWriteLongMap<V> {

    /** An immutable table: {@code keys[i]} holds {@code values[i]}; a null value marks a free slot. */
    private record Slots(long[] keys, Object[] values, int size) {
    }

    private volatile Slots slots = new Slots(new long[16], new Object[16], 0);

    private static int home(long key, int mask) {
        long h = key * 0x9e3779b97f4a7c15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    @SuppressWarnings("unchecked")
    V get(long key) {
        Slots s = slots;
        long[] keys = s.keys;
        Object[] values = s.values;
        int mask = keys.length - 1;
        for (int i = home(key, mask); ; i = (i + 1) & mask) {
            Object v = values[i];
            if (v == null) {
                return null;
            }
            if (keys[i] == key) {
                return (V) v;
            }
        }
    }

    int size() {
        return slots.size;
    }

    /** Maps {@code key} to {@code value} (not null), replacing any previous value. */
    synchronized void put(long key, V value) {
        Slots s = slots;
        int size = s.size + (get(key) == null ? 1 : 0);
        int capacity = s.keys.length;
        while (size * 2 > capacity) {
            capacity *= 2;
        }
        slots = rebuild(s, capacity, key, value, size);
    }

    /** Removes {@code key}; returns its value, or null if absent. */
    synchronized V remove(long key) {
        V old = get(key);
        if (old != null) {
            Slots s = slots;
            slots = rebuild(s, s.keys.length, key, null, s.size - 1);
        }
        return old;
    }

    /** Calls {@code action} with every key present when it starts. */
    void forEachKey(LongConsumer action) {
        Slots s = slots;
        for (int i = 0; i < s.keys.length; i++) {
            if (s.values[i] != null) {
                action.accept(s.keys[i]);
            }
        }
    }

    /** A copy of {@code s} at {@code capacity} with {@code key} mapped to {@code value}, or absent if it is null. */
    private static Slots rebuild(Slots s, int capacity, long key, Object value, int size) {
        long[] keys = new long[capacity];
        Object[] values = new Object[capacity];
        int mask = capacity - 1;
        for (int i = 0; i < s.keys.length; i++) {
            Object v = s.values[i];
            if (v != null && s.keys[i] != key) {
                insert(keys, values, mask, s.keys[i], v);
            }
        }
        if (value != null) {
            insert(keys, values, mask, key, value);
        }
        return new Slots(keys, values, size);
    }

    private static void insert(long[] keys, Object[] values, int mask, long key, Object value) {
        int i = home(key, mask);
        while (values[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
    }
}
