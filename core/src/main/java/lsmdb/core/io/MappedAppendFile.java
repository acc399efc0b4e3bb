package lsmdb.core.io;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends through a shared writable mapping of the file, one region at a time (mapping a region past the end
 * grows the file; the part not written yet reads as zeros). Regions start at 64 KiB and double up to the
 * largest asked for, so a small log is not a large file. A retired region stays mapped until the next sync
 * forces it or close releases it; close trims the file to its data.
 */
final class MappedAppendFile implements WritableFile {
    private final Path path;
    private final ReopeningChannel channel;
    private final int maxRegion;
    private int region;
    /** Regions written full and not yet forced by a sync. */
    private final List<MappedByteBuffer> retired = new ArrayList<>();
    private MappedByteBuffer map;
    /** Bytes of the current region already forced by a sync. */
    private int forced;
    private long size;
    /** Where the current region ends, and how far zeros have been written through the channel (see sync). */
    private long mapEnd;
    private long zeroedEnd;

    MappedAppendFile(Path path, ReopeningChannel channel, int region) {
        this.path = path;
        this.channel = channel;
        this.maxRegion = region;
        this.region = Math.min(region, 64 << 10);
    }

    @Override
    public void append(byte[] data, int offset, int length) throws IOException {
        try {
            while (length > 0) {
                if (map == null || !map.hasRemaining()) {
                    nextRegion();
                }
                int n = Math.min(length, map.remaining());
                map.put(data, offset, n);
                offset += n;
                length -= n;
                size += n;
            }
        } catch (InternalError e) {
            // The JVM turns a fault in mapped memory (no space left for the page, an I/O error) into this.
            throw new IOException("cannot write " + path + " at " + size + ": " + e.getMessage(), e);
        }
    }

    private void nextRegion() throws IOException {
        if (map != null) {
            retired.add(map);
            region = Math.min(maxRegion, region * 2);
        }
        map = channel.map(FileChannel.MapMode.READ_WRITE, size, region);
        mapEnd = size + region;
        forced = 0;
    }

    /** Nothing to do: appended bytes are in the page cache already. */
    @Override
    public void flush() {
    }

    @Override
    public void sync() throws IOException {
        // A region mapped past the old end is a hole: each page the syncs write back first has to be allocated,
        // a journal commit each time. The first sync in a region writes its rest as zeros (beyond the data, so
        // nothing written is touched) and forces the whole file once; the syncs after it overwrite allocated
        // blocks, as a preallocated log's do.
        if (map != null && zeroedEnd < mapEnd) {
            boolean zeroed = false;
            try {
                RealFileSystem.writeZeros(channel, size, mapEnd - size);
                zeroedEnd = mapEnd;
                zeroed = true;
            } catch (IOException e) {
                zeroedEnd = Long.MAX_VALUE; // a full disk, say: the records count, the zeros were an optimisation
            }
            if (zeroed) {
                // fdatasync writes back every dirty page, those written through the mappings too: the data of
                // every region and the zeros, allocated together.
                channel.force(false);
                for (MappedByteBuffer m : retired) {
                    Unmapper.unmap(m);
                }
                retired.clear();
                forced = map.position();
                return;
            }
        }
        boolean forcedData = false;
        try {
            for (MappedByteBuffer m : retired) {
                m.force();
                Unmapper.unmap(m);
                forcedData = true;
            }
            retired.clear();
            if (map != null && map.position() > forced) {
                map.force(forced, map.position() - forced);
                forced = map.position();
                forcedData = true;
            }
        } catch (InternalError | java.io.UncheckedIOException e) {
            throw new IOException("cannot sync " + path + ": " + e.getMessage(), e);
        }
        if (!forcedData) {
            // A forced range is synced as fdatasync syncs it (Linux: msync is vfs_fsync_range with datasync),
            // with the file length the mappings grew; a second fsync would only cost a second device flush.
            channel.force(false);
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void close() throws IOException {
        if (!channel.isOpen()) {
            return;
        }
        try {
            for (MappedByteBuffer m : retired) {
                Unmapper.unmap(m);
            }
            retired.clear();
            if (map != null) {
                Unmapper.unmap(map);
                map = null;
            }
            channel.truncate(size); // the zeros past the data of the last region
        } finally {
            channel.close();
        }
    }
}
