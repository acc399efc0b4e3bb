package lsmdb.cli.stress;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stress workload's journal of what the database must hold, kept beside it (after RocksDB's expected-state
 * files). One text line per event:
 * <pre>
 * B slot=value          the verified state at the start of a run (one line per slot)
 * I txn slot=value ...  a transaction's writes, fsynced before its commit is attempted
 * C txn | A txn         committed (acknowledged) | aborted (nothing changed)
 * </pre>
 * A transaction with an intent and no outcome was cut off by the crash: it is either wholly there or wholly absent.
 * Values contain no spaces; {@link #ABSENT} stands for a missing row. Outcome lines are written to the OS (they
 * survive the process kill the crash loop makes) and fsynced by the next intent.
 */
final class ExpectedState implements AutoCloseable {

    static final String ABSENT = "~";

    private final FileChannel channel;

    private ExpectedState(FileChannel channel) {
        this.channel = channel;
    }

    /** Starts a new journal at {@code file} whose base is {@code state}, replacing any old one atomically. */
    static ExpectedState create(Path file, Map<String, String> state) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(state).entrySet()) {
            sb.append("B ").append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        Files.writeString(tmp, sb, StandardCharsets.UTF_8);
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new ExpectedState(FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
    }

    /** Records the intent of transaction {@code txn} and fsyncs it; call before its commit is attempted. */
    synchronized void intent(long txn, Map<String, String> writes) throws IOException {
        StringBuilder sb = new StringBuilder(64).append("I ").append(txn);
        for (Map.Entry<String, String> e : writes.entrySet()) {
            sb.append(' ').append(e.getKey()).append('=').append(e.getValue());
        }
        write(sb.append('\n').toString());
        channel.force(false);
    }

    synchronized void committed(long txn) throws IOException {
        write("C " + txn + "\n");
    }

    synchronized void aborted(long txn) throws IOException {
        write("A " + txn + "\n");
    }

    private void write(String line) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    @Override
    public void close() throws IOException {
        channel.force(false);
        channel.close();
    }
}
