package lsmdb.cli.stress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An {@link ExpectedState} file replayed: the acknowledged state, and the transactions whose fate is open. */
final class Journal {

    /** A transaction cut off between intent and outcome: each slot's value before it and the value it writes. */
    record Pending(long txn, Map<String, String> before, Map<String, String> after) {
    }

    final Map<String, String> state = new HashMap<>();
    final List<Pending> pending = new ArrayList<>();
    long committed;
    long aborted;

    static Journal read(Path file) throws IOException {
        Journal j = new Journal();
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        Map<Long, Pending> open = new LinkedHashMap<>();
        // A last line without its newline was cut off while being written: its commit was never attempted.
        for (String line : text.substring(0, end + 1).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(" ");
            switch (f[0]) {
                case "B" -> put(j.state, f[1]);
                case "I" -> {
                    Map<String, String> before = new LinkedHashMap<>();
                    Map<String, String> after = new LinkedHashMap<>();
                    for (int i = 2; i < f.length; i++) {
                        put(after, f[i]);
                    }
                    after.keySet().forEach(s -> before.put(s, j.state.getOrDefault(s, ExpectedState.ABSENT)));
                    long txn = Long.parseLong(f[1]);
                    open.put(txn, new Pending(txn, before, after));
                }
                case "C" -> {
                    Pending p = open.remove(Long.parseLong(f[1]));
                    j.state.putAll(p.after());
                    j.committed++;
                }
                case "A" -> {
                    open.remove(Long.parseLong(f[1]));
                    j.aborted++;
                }
                default -> throw new IOException(file + ": unreadable line: " + line);
            }
        }
        j.pending.addAll(open.values());
        return j;
    }

    private static void put(Map<String, String> m, String slotEqualsValue) {
        int eq = slotEqualsValue.indexOf('=');
        m.put(slotEqualsValue.substring(0, eq), slotEqualsValue.substring(eq + 1));
    }

    /** Checks what the database holds ({@code observed}) against this journal; returns the violations found. */
    Verification verify(Map<String, String> observed) {
        Verification v = new Verification();
        String indexes = observed.get(Schema.INDEXES_SLOT);
        if (indexes != null && !indexes.equals(Schema.CONSISTENT)) {
            // Whatever the journal says, an index that disagrees with its table is damage.
            v.violations.add("secondary indexes: " + indexes);
        }
        Map<String, Pending> pendingSlot = new HashMap<>();
        for (Pending p : pending) {
            p.after().keySet().forEach(s -> pendingSlot.put(s, p));
        }
        java.util.Set<String> slots = new java.util.TreeSet<>(state.keySet());
        slots.addAll(observed.keySet());
        for (String slot : slots) {
            if (pendingSlot.containsKey(slot) || slot.equals(Schema.INDEXES_SLOT)) {
                continue;
            }
            String want = state.getOrDefault(slot, ExpectedState.ABSENT);
            String got = observed.getOrDefault(slot, ExpectedState.ABSENT);
            if (!want.equals(got)) {
                v.violations.add(slot + ": acknowledged " + shorten(want) + " but found " + shorten(got));
            }
        }
        for (Pending p : pending) {
            boolean applied = true;
            boolean absent = true;
            for (String slot : p.after().keySet()) {
                String got = observed.getOrDefault(slot, ExpectedState.ABSENT);
                applied &= got.equals(p.after().get(slot));
                absent &= got.equals(p.before().get(slot));
            }
            if (applied) {
                v.pendingApplied++;
            } else if (absent) {
                v.pendingAbsent++;
            } else {
                StringBuilder sb = new StringBuilder("transaction " + p.txn() + " is partly there:");
                p.after().forEach((slot, after) -> sb.append(' ').append(slot).append(" found ")
                        .append(shorten(observed.getOrDefault(slot, ExpectedState.ABSENT))).append(" (before ")
                        .append(shorten(p.before().get(slot))).append(", after ").append(shorten(after)).append(')'));
                v.violations.add(sb.toString());
            }
        }
        v.committedVerified = committed;
        return v;
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…(" + s.length() + ")" : s;
    }

    /** The outcome of one verification. */
    static final class Verification {
        final List<String> violations = new ArrayList<>();
        long committedVerified;
        long pendingApplied;
        long pendingAbsent;

        boolean ok() {
            return violations.isEmpty();
        }

        @Override
        public String toString() {
            return committedVerified + " acknowledged transactions verified, " + (pendingApplied + pendingAbsent)
                    + " cut off (" + pendingApplied + " applied, " + pendingAbsent + " absent), "
                    + violations.size() + " violations";
        }
    }
}
