package lsmdb.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;

/** Helpers shared by the engine's tests. */
final class TestData {

    private TestData() {
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String s(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** A model keyed like the engine: unsigned byte order over UTF-8 (ASCII keys here, so String order). */
    static TreeMap<String, String> model() {
        return new TreeMap<>();
    }

    static String key(Random r, int space) {
        return String.format("k%06d", r.nextInt(space));
    }

    static String value(Random r, int maxLen) {
        int n = r.nextInt(maxLen + 1);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('a' + r.nextInt(26)));
        }
        return sb.toString();
    }

    /** Everything an iterator yields, in order. */
    static List<Map.Entry<String, String>> scan(LsmIterator it) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (it.seekToFirst(); it.isValid(); it.next()) {
            out.add(Map.entry(s(it.key()), s(it.value())));
        }
        return out;
    }

    static List<Map.Entry<String, String>> entries(NavigableMap<String, String> m) {
        return new ArrayList<>(m.entrySet()).stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList();
    }
}
