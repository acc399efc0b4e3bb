package lsmdb.replication;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import lsmdb.core.WriteBatch;

/**
 * The replicated unit: one committed transaction as the engine sees it, with what every node needs to reach the
 * same first-committer-wins decision. The snapshot is a Raft log index (the last entry applied when the writer's
 * snapshot was taken), never an engine sequence number, which differs from node to node.
 *
 * <pre>
 * entry   = FORMAT (1 byte) | origin (UTF) | snapshotIndex (int64, -1 = no conflict check) | count (int32) | record*
 * record  = PUT (1) | key | value  |  DELETE (0) | key  |  RANGE_DELETE (2) | start | end
 * bytes   = length (int32) | bytes
 * </pre>
 *
 * @param origin the node that proposed it (it alone already holds the in-memory catalog the entry implies)
 * @param snapshotIndex the log index the writer read at, or {@link #BLIND} for a write without a conflict check
 * @param records the write batch, in order
 */
record TxnEntry(String origin, long snapshotIndex, List<Record> records) {

    static final long BLIND = -1;
    private static final byte FORMAT = 1;

    /** One put, delete or range delete of the batch. */
    record Record(byte kind, byte[] key, byte[] value) {
        static final byte DELETE = 0;
        static final byte PUT = 1;
        static final byte RANGE_DELETE = 2;
    }

    static TxnEntry of(String origin, long snapshotIndex, WriteBatch batch) {
        List<Record> out = new ArrayList<>(batch.count());
        batch.forEach(new WriteBatch.Handler() {
            @Override
            public void put(byte[] key, byte[] value) {
                out.add(new Record(Record.PUT, key, value));
            }

            @Override
            public void delete(byte[] key) {
                out.add(new Record(Record.DELETE, key, null));
            }

            @Override
            public void deleteRange(byte[] startKey, byte[] endKey) {
                out.add(new Record(Record.RANGE_DELETE, startKey, endKey));
            }
        });
        return new TxnEntry(origin, snapshotIndex, out);
    }

    boolean conflictChecked() {
        return snapshotIndex != BLIND;
    }

    WriteBatch toBatch() {
        WriteBatch b = new WriteBatch();
        for (Record r : records) {
            switch (r.kind()) {
                case Record.PUT -> b.put(r.key(), r.value());
                case Record.DELETE -> b.delete(r.key());
                default -> b.deleteRange(r.key(), r.value());
            }
        }
        return b;
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeUTF(origin);
            out.writeLong(snapshotIndex);
            out.writeInt(records.size());
            for (Record r : records) {
                out.writeByte(r.kind());
                writeBytes(out, r.key());
                if (r.kind() != Record.DELETE) {
                    writeBytes(out, r.value());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array stream does not fail
        }
        return bytes.toByteArray();
    }

    /** @throws IOException naming what is wrong if {@code data} is not an entry of this format */
    static TxnEntry decode(byte[] data) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IOException("replicated entry of unknown format " + format + " (this node reads "
                        + FORMAT + "); upgrade this node");
            }
            String origin = in.readUTF();
            long snapshotIndex = in.readLong();
            int n = in.readInt();
            List<Record> records = new ArrayList<>(Math.min(n, 1 << 16));
            for (int i = 0; i < n; i++) {
                byte kind = in.readByte();
                byte[] key = readBytes(in);
                byte[] value = kind == Record.DELETE ? null : readBytes(in);
                records.add(new Record(kind, key, value));
            }
            return new TxnEntry(origin, snapshotIndex, records);
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("replicated entry truncated or corrupt: field of " + n + " bytes");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }
}
