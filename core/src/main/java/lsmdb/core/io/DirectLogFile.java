package lsmdb.core.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A preallocated log (zeros laid ahead of the data) written in whole pages with direct I/O, for a log synced at
 * most commits: a sync writes pages straight to the device and makes them durable, without the page cache's copy
 * and write-back (a page write and an fdatasync took 84 instead of 90 µs at the 10th percentile, 61 instead of 69 at
 * best, interleaved on a busy disk; /tmp/durable-h/SyncBench.java), and most syncs are one durable write (below).
 *
 * <p>Appends collect in an aligned buffer that starts at a page boundary. A flush or sync writes the pages from that
 * boundary to the end of the data, the last one padded with zeros, so the page holding the last record is written
 * again by the next flush or sync. That rewrite is safe for the records already synced in it: their bytes are the
 * same in the old and the new page, and so are the zeros past the new data, so a power loss that tears the rewrite
 * (some sectors old, some new) changes only the bytes of records not yet acknowledged, which then read as a torn
 * tail. The file has the layout a buffered writer gives it, so the log format is unchanged.
 *
 * <p>A sync that finds the data within half a step of the zeros laid so far lays another step first (the same
 * fdatasync makes it durable), as the buffered preallocated log does; if that fails (no room) the sync still makes
 * the records durable, and the file grows by its appends from then on. Any other sync, when all it has to make durable
 * is in the buffer (nothing written since the last sync), writes the buffer's pages durably instead: one system call
 * ({@code O_DSYNC}) where a write and an fdatasync are two, 6 µs of a 60 µs commit here. Not thread-safe.
 */
final class DirectLogFile implements WritableFile {

    /** Where the pages go: a file opened for direct I/O, or a model of a disk in tests. */
    interface Pages extends Closeable {
        /**
         * Writes {@code src} from its position (whole pages) at {@code position} (page aligned), advancing it; returns
         * when the device has the bytes written, which may be fewer than remained (callers loop).
         */
        void write(ByteBuffer src, long position) throws IOException;

        /** Makes every page written so far durable (fdatasync). */
        void force() throws IOException;

        /**
         * As {@link #write}, returning once the pages written are durable (with no promise for earlier writes): one
         * {@code O_DSYNC} write where the file has such a channel, one system call where write and fdatasync are two.
         */
        default void writeDurably(ByteBuffer src, long position) throws IOException {
            write(src, position);
            force();
        }
    }

    private static final int BUFFER_PAGES = 16;
    /** The largest page size supported: the zeros below are aligned to it. */
    static final int MAX_PAGE_SIZE = 64 << 10;
    /** Zeros for the steps laid ahead and for clearing the buffer, shared by every log. */
    private static final ByteBuffer ZEROS = alignedBuffer(1 << 20, MAX_PAGE_SIZE).asReadOnlyBuffer();

    private final Pages pages;
    private final int pageSize;
    /** Aligned; holds the file's bytes from {@link #bufferStart} to {@link #size}, zeros after them. */
    private final ByteBuffer buffer;
    private long bufferStart;
    private long size;
    /** The data written to the device so far, and the part of it made durable. */
    private long writtenEnd;
    private long syncedEnd;
    /** 0 once laying a step failed: the file then grows by its appends. */
    private long step;
    private long allocatedEnd;

    /** A file of {@code allocated} bytes of zeros already durable, grown by {@code step} near its end. */
    DirectLogFile(Pages pages, int pageSize, long allocated, long step) {
        if (Integer.bitCount(pageSize) != 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page size " + pageSize);
        }
        this.pages = pages;
        this.pageSize = pageSize;
        this.buffer = alignedBuffer(BUFFER_PAGES * pageSize, pageSize);
        this.allocatedEnd = allocated;
        this.step = roundUp(step, pageSize);
    }

    static ByteBuffer alignedBuffer(int capacity, int alignment) {
        return ByteBuffer.allocateDirect(capacity + alignment).alignedSlice(alignment).limit(capacity).slice();
    }

    /** Writes {@code length} bytes of zeros (whole pages) at {@code position} (page aligned). */
    static void writeZeros(Pages pages, long position, long length) throws IOException {
        for (long done = 0; done < length; ) {
            ByteBuffer zeros = ZEROS.duplicate();
            zeros.limit((int) Math.min(zeros.capacity(), length - done));
            pages.write(zeros, position + done);
            done += zeros.position();
        }
    }

    static long roundUp(long n, int pageSize) {
        return (n + pageSize - 1) & -(long) pageSize;
    }

    @Override
    public void append(byte[] data, int offset, int length) throws IOException {
        while (length > 0) {
            if (!buffer.hasRemaining()) {
                writePages(false); // a full buffer is whole pages: it is written and starts over empty
            }
            int n = Math.min(length, buffer.remaining());
            buffer.put(data, offset, n);
            offset += n;
            length -= n;
            size += n;
        }
    }

    /**
     * Writes the buffered pages (the last padded with zeros), durably or not, then keeps only the last partial page
     * buffered.
     */
    private void writePages(boolean durably) throws IOException {
        int dataEnd = buffer.position();
        if (bufferStart + dataEnd == writtenEnd) {
            return;
        }
        ByteBuffer out = buffer.duplicate();
        out.position(0).limit((int) roundUp(dataEnd, pageSize));
        long position = bufferStart;
        while (out.hasRemaining()) {
            if (durably) {
                pages.writeDurably(out, position + out.position());
            } else {
                pages.write(out, position + out.position());
            }
        }
        writtenEnd = bufferStart + dataEnd;
        int fullPages = dataEnd & -pageSize;
        if (fullPages > 0) {
            // Move the partial last page to the front; the bytes after it must read as zeros again.
            int keep = dataEnd - fullPages;
            for (int i = 0; i < keep; i++) {
                buffer.put(i, buffer.get(fullPages + i));
            }
            ByteBuffer stale = buffer.duplicate();
            stale.position(keep).limit(dataEnd);
            while (stale.hasRemaining()) {
                int n = Math.min(stale.remaining(), ZEROS.capacity());
                stale.put(ZEROS.duplicate().limit(n));
            }
            bufferStart += fullPages;
            buffer.position(keep);
        }
    }

    /** Writes the buffered data to the device: it survives a process crash (not a power loss). */
    @Override
    public void flush() throws IOException {
        writePages(false);
    }

    @Override
    public void sync() throws IOException {
        if (syncedEnd == size) {
            return; // nothing written through this file since its last sync
        }
        boolean layStep = step > 0 && allocatedEnd - size < step / 2;
        if (!layStep && writtenEnd == syncedEnd) {
            // All that is not durable yet is in the buffer, so writing its pages durably is the whole sync.
            writePages(true);
            syncedEnd = writtenEnd;
            return;
        }
        writePages(false);
        if (layStep) {
            // The next step of zeros, made durable by the fdatasync below; the pages after the data's last one.
            long from = Math.max(allocatedEnd, roundUp(size, pageSize));
            try {
                writeZeros(pages, from, step);
                allocatedEnd = from + step;
            } catch (IOException e) {
                // A full disk, say. The records are written and this sync is for them: the log goes on without
                // laying zeros ahead (appends past them grow the file); partial zeros read as the end of the log.
                step = 0;
            }
        }
        pages.force();
        syncedEnd = writtenEnd;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void close() throws IOException {
        try {
            writePages(false);
        } finally {
            pages.close();
        }
    }
}
