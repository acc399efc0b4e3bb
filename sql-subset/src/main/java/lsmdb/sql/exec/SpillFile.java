package lsmdb.sql.exec;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import lsmdb.sql.Errors;

/**
 * One temporary file of rows ({@link SpillCodec}), written once and then read back in the order written, as often
 * as needed. A join or an INSERT ... SELECT past maxQueryMemory keeps its rows here, and a sort its runs
 * ({@link SortRuns}); {@link #close} deletes it.
 */
final class SpillFile implements AutoCloseable {

    /** The name every such file starts with. */
    static final String PREFIX = "lsmdb-rows-";
    /** Small: a partitioned join writes dozens of these at once. */
    private static final int BUFFER = 8 << 10;

    /** What the rows are for, as a 58030 message names it ("a hash join"). */
    private final String what;
    private final Path path;
    private final int buffer;
    private DataOutputStream out;
    private long rows;
    private final byte[][] scratch = {new byte[256]};

    private SpillFile(String what, Path path, int buffer, DataOutputStream out) {
        this.what = what;
        this.path = path;
        this.buffer = buffer;
        this.out = out;
    }

    static SpillFile create(String what) throws SQLException {
        return create(what, PREFIX, ".rows", BUFFER);
    }

    /** A file named {@code prefix...suffix}, written and read through buffers of {@code buffer} bytes. */
    static SpillFile create(String what, String prefix, String suffix, int buffer) throws SQLException {
        Path path = null;
        try {
            path = Files.createTempFile(prefix, suffix);
            return new SpillFile(what, path, buffer, new DataOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(path), buffer)));
        } catch (IOException e) {
            if (path != null) {
                delete(path);
            }
            throw failure(what, e);
        }
    }

    void add(Object[] row) throws SQLException {
        try {
            SpillCodec.writeAll(out, row, scratch);
        } catch (IOException e) {
            throw failure(what, e);
        }
        rows++;
    }

    long rows() {
        return rows;
    }

    /** The rows written so far, in order; writing ends with the first read. The caller closes the cursor. */
    Cursor read() throws SQLException {
        DataInputStream in;
        try {
            if (out != null) {
                out.close();
                out = null;
            }
            in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path), buffer));
        } catch (IOException e) {
            throw failure(what, e);
        }
        long count = rows;
        return new Cursor() {
            private long left = count;

            @Override
            public Object[] next() throws SQLException {
                if (left == 0) {
                    return null;
                }
                left--;
                try {
                    return SpillCodec.readAll(in);
                } catch (IOException e) {
                    throw failure(what, e);
                }
            }

            @Override
            public void close() {
                left = 0;
                try {
                    in.close();
                } catch (IOException ignored) {
                    // read only
                }
            }
        };
    }

    /** Deletes the file. */
    @Override
    public void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // deleted next
            }
            out = null;
        }
        delete(path);
    }

    /** Deletes a temporary file, leaving one that cannot be deleted to the system's cleaner. */
    static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temporary file: the system's cleaner takes it
        }
    }

    /**
     * 58030 naming the temporary directory, for every spill (sorts' runs too): a full disk there is not the
     * database's, and the remedies differ (java.io.tmpdir, maxQueryMemory).
     */
    static SQLException failure(String what, IOException e) {
        return new SQLException("I/O failure on the temporary files of " + what + " past maxQueryMemory (in "
                + System.getProperty("java.io.tmpdir") + "): " + Errors.describe(e), "58030", e);
    }
}
