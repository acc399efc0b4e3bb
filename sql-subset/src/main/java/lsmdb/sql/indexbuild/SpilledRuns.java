package lsmdb.sql.indexbuild;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The sorted runs of an index build that outgrew its memory budget, each in a temporary file, merged into the
 * ingest in key order at the end (an external merge sort). A run file is a sequence of entries, each
 * {@code keyLength (int) | key | valueLength (int) | value}, in strictly increasing key order. At most
 * {@link #FAN_IN} runs are merged at once; more are first merged into longer runs.
 *
 * <p>Two equal keys are two rows of one value in a unique index: the merge reports them instead of writing either.
 * Thread-safe for {@link #newRun()} (several scanners spill at once); the merge runs on one thread.
 */
final class SpilledRuns implements AutoCloseable {

    /** Runs merged at once (each holds a read buffer). */
    static final int FAN_IN = 64;
    private static final int BUFFER = 64 << 10;

    /** Receives entries in key order. */
    interface Sink {
        void add(byte[] key, int keyLength, byte[] value, int valueOffset, int valueLength) throws IOException;
    }

    private final List<Path> runs = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();

    synchronized boolean isEmpty() {
        return runs.isEmpty();
    }

    synchronized int size() {
        return runs.size();
    }

    /** A writer of a new run; the run counts once the writer is closed. */
    Writer newRun() throws IOException {
        Path p = Files.createTempFile("lsmdb-index-build-", ".run");
        synchronized (this) {
            files.add(p);
        }
        return new Writer(p);
    }

    /**
     * Merges every run into {@code sink} in key order; false at the first key met twice (a unique index's value in
     * two rows: what was written by then is the caller's to discard).
     */
    boolean mergeInto(Sink sink) throws IOException {
        List<Path> pending;
        synchronized (this) {
            pending = new ArrayList<>(runs);
        }
        while (pending.size() > FAN_IN) {
            List<Path> group = new ArrayList<>(pending.subList(0, FAN_IN));
            pending.subList(0, FAN_IN).clear();
            try (Writer w = newRun()) {
                if (!merge(group, w::add)) {
                    return false;
                }
                pending.add(w.path);
            }
            for (Path p : group) {
                Files.deleteIfExists(p);
            }
        }
        return merge(pending, sink);
    }

    private static boolean merge(List<Path> paths, Sink sink) throws IOException {
        PriorityQueue<Reader> heap = new PriorityQueue<>(Math.max(1, paths.size()), Reader::compareTo);
        List<Reader> open = new ArrayList<>();
        try {
            for (Path p : paths) {
                Reader r = new Reader(p);
                open.add(r);
                if (r.next()) {
                    heap.add(r);
                }
            }
            byte[] previous = new byte[64];
            int previousLength = -1;
            while (!heap.isEmpty()) {
                Reader r = heap.poll();
                if (previousLength == r.keyLength
                        && Arrays.equals(previous, 0, previousLength, r.key, 0, r.keyLength)) {
                    return false; // one value twice in a unique index
                }
                sink.add(r.key, r.keyLength, r.value, 0, r.valueLength);
                if (previous.length < r.keyLength) {
                    previous = new byte[Math.max(r.keyLength, previous.length * 2)];
                }
                System.arraycopy(r.key, 0, previous, 0, r.keyLength);
                previousLength = r.keyLength;
                if (r.next()) {
                    heap.add(r);
                }
            }
            return true;
        } finally {
            for (Reader r : open) {
                r.close();
            }
        }
    }

    /** Deletes every run file. */
    @Override
    public synchronized void close() {
        for (Path p : files) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temporary file: the system's cleaner takes it
            }
        }
        files.clear();
        runs.clear();
    }

    /** Writes one run; {@link #close()} adds it to the runs. */
    final class Writer implements AutoCloseable {
        private final Path path;
        private final DataOutputStream out;

        private Writer(Path path) throws IOException {
            this.path = path;
            this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(path), BUFFER));
        }

        void add(byte[] key, int keyLength, byte[] value, int valueOffset, int valueLength) throws IOException {
            out.writeInt(keyLength);
            out.write(key, 0, keyLength);
            out.writeInt(valueLength);
            out.write(value, valueOffset, valueLength);
        }

        @Override
        public void close() throws IOException {
            out.close();
            synchronized (SpilledRuns.this) {
                runs.add(path);
            }
        }
    }

    /** Reads one run, an entry at a time into buffers it reuses. */
    private static final class Reader implements Comparable<Reader> {
        private final DataInputStream in;
        byte[] key = new byte[64];
        int keyLength;
        byte[] value = new byte[64];
        int valueLength;

        Reader(Path p) throws IOException {
            this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(p), BUFFER));
        }

        /** Reads the next entry; false at the end of the run. */
        boolean next() throws IOException {
            int n;
            try {
                n = in.readInt();
            } catch (EOFException end) {
                return false;
            }
            if (key.length < n) {
                key = new byte[Math.max(n, key.length * 2)];
            }
            in.readFully(key, 0, n);
            keyLength = n;
            int m = in.readInt();
            if (value.length < m) {
                value = new byte[Math.max(m, value.length * 2)];
            }
            in.readFully(value, 0, m);
            valueLength = m;
            return true;
        }

        @Override
        public int compareTo(Reader o) {
            return Arrays.compareUnsigned(key, 0, keyLength, o.key, 0, o.keyLength);
        }

        void close() {
            try {
                in.close();
            } catch (IOException ignored) {
                // read only
            }
        }
    }
}
