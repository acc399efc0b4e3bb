package lsmdb.core;

import java.io.IOException;

/**
 * Where an {@link LsmDb}'s writes go instead of its own commit path, for replication: every put, delete and batch
 * (the SQL layer's rows, catalog and index builds alike) is handed to the route, which orders it (e.g. through a
 * consensus log) and applies it with the {@link LocalWriter} it was given when it was installed. Reads, snapshots
 * and checkpoints are unaffected.
 */
public interface CommitRoute {

    /**
     * Commits {@code batch} or throws. With a {@code readSnapshot}, the route decides first-committer-wins as
     * {@link LsmDb#write(WriteBatch, boolean, Snapshot)} does and throws {@link WriteConflictException} when it loses.
     *
     * @param readSnapshot the writer's snapshot, or a mark ({@link LsmDb#write(WriteBatch, boolean, long)}, not
     *                     registered: only its sequence means anything), or null for a write without a conflict check
     */
    void commit(WriteBatch batch, boolean sync, Snapshot readSnapshot) throws IOException;

    /** The database's own commit path, handed only to the route that was installed (it bypasses the route). */
    interface LocalWriter {
        void write(WriteBatch batch, boolean sync) throws IOException;
    }
}
