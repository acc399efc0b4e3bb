package lsmdb.bench.peer;

import bench.KvEngine;
import java.nio.file.Path;
import lsmdb.core.LsmDb;
import lsmdb.core.LsmIterator;
import lsmdb.core.Options;
import lsmdb.core.WriteBatch;

/**
 * lsmdb as a peer-bench kv engine (defaults: 4 MB write buffer, 4 KB blocks, 10-bit bloom filters, 32 MB block
 * cache). Compiled against peer-bench's classes only when running that harness; see bench/README.md.
 */
public final class LsmKvEngine implements KvEngine {

    private LsmDb db;

    @Override
    public void open(Path dir) throws Exception {
        db = LsmDb.open(dir, Options.defaults().withSync(false));
    }

    @Override
    public void put(byte[] key, byte[] value) throws Exception {
        db.put(key, value);
    }

    @Override
    public void syncPut(byte[] key, byte[] value) throws Exception {
        db.write(new WriteBatch().put(key, value), true);
    }

    @Override
    public byte[] get(byte[] key) throws Exception {
        return db.get(key);
    }

    @Override
    public void delete(byte[] key) throws Exception {
        db.delete(key);
    }

    @Override
    public Cursor cursor() {
        LsmIterator it = db.iterator();
        return new Cursor() {
            private boolean fresh;

            @Override
            public void seek(byte[] key) {
                if (key == null) {
                    it.seekToFirst();
                } else {
                    it.seek(key);
                }
                fresh = true;
            }

            @Override
            public boolean next() {
                if (fresh) {
                    fresh = false;
                } else if (it.isValid()) {
                    it.next();
                }
                return it.isValid();
            }

            @Override
            public byte[] key() {
                return it.key();
            }

            @Override
            public byte[] value() {
                return it.value();
            }

            @Override
            public void close() {
                it.close();
            }
        };
    }

    @Override
    public void compact() throws Exception {
        db.compactRange(null, null);
    }

    @Override
    public void close() throws Exception {
        db.close();
    }
}
