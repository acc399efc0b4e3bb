package lsmdb.core.sstable;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import lsmdb.core.CorruptionException;
import lsmdb.core.format.ForwardCount;
import lsmdb.core.format.InternalIterator;
import lsmdb.core.format.InternalKey;
import lsmdb.core.format.KeySlot;

/**
 * A cursor over a block. Decodes keys into a reusable buffer; key() and value() copy only when asked. It can be
 * {@linkplain #reset moved} to another block, so a reader that searches many blocks keeps one cursor.
 */
final class BlockIterator implements InternalIterator {
    /** Little-endian words of a byte array: a block's words copied as read keep their byte order. */
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private final KeyOrder order;
    private Block block;
    private ByteBuffer data;
    /** The array behind {@link #data} when it has one (heap blocks), so a search compares keys in place. */
    private byte[] array;
    private int arrayOffset;
    private int restartsOffset;
    private int restartCount;
    /** Decoding position, advanced by {@link #varint}. */
    private int pos;
    private byte[] keyBuf = new byte[64];
    private int keyLength;
    private int valueOffset;
    private int valueLength;
    /** Offset of the current entry; restartsOffset when invalid. */
    private int current = Integer.MAX_VALUE;
    private int nextEntry;
    private byte[] keyCopy;
    private byte[] valueCopy;
    /** The current key as {@code keyBuf[0, keyLength)}, set on each entry decoded. */
    private final KeySlot slot;

    BlockIterator(Block block, KeyOrder order, KeySlot slot) {
        this.order = order;
        this.slot = slot;
        reset(block);
    }

    /** Makes this a cursor over {@code b}, not positioned. */
    void reset(Block b) {
        block = b;
        data = b.data;
        array = data.hasArray() ? data.array() : null;
        arrayOffset = array == null ? 0 : data.arrayOffset();
        restartsOffset = b.restartsOffset;
        restartCount = b.restartCount;
        current = Integer.MAX_VALUE;
        keyLength = 0;
        invalidateCopies();
    }

    private int restartPoint(int i) {
        return data.getInt(restartsOffset + 4 * i);
    }

    @Override
    public boolean isValid() {
        return current < restartsOffset;
    }

    @Override
    public void seekToFirst() {
        seekToRestart(0);
        parseNext();
    }

    @Override
    public void seekToLast() {
        seekToRestart(restartCount - 1);
        while (parseNext() && nextEntry < restartsOffset) {
            // scan to the last entry
        }
    }

    @Override
    public void seek(byte[] target) {
        // Binary search for the last restart point whose key is < target, then scan forward.
        int lo = 0;
        int hi = restartCount - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            pos = restartPoint(mid);
            int shared = varint();
            int unshared = varint();
            varint();
            if (shared != 0 || unshared < 0 || (long) pos + unshared > restartsOffset) {
                throw corrupt("bad restart entry");
            }
            int c;
            if (array != null) {
                c = order.compare(array, arrayOffset + pos, unshared, target, 0, target.length); // in place
            } else {
                ensureKeyCapacity(unshared);
                data.get(pos, keyBuf, 0, unshared);
                c = order.compare(keyBuf, 0, unshared, target, 0, target.length);
            }
            if (c < 0) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        seekToRestart(lo);
        while (parseNext()) {
            if (order.compare(keyBuf, 0, keyLength, target, 0, target.length) >= 0) {
                return;
            }
        }
    }

    /**
     * Positions at restart point {@code i}'s entry: entry {@code i} of a block whose every entry is a restart
     * point (the index block).
     */
    void seekToRestartEntry(int i) {
        invalidateCopies();
        seekToRestart(i);
        parseNext();
    }

    @Override
    public boolean next() {
        return parseNext();
    }

    @Override
    public KeySlot keySlot() {
        return slot;
    }

    @Override
    public void prev() {
        int original = current;
        // The last restart point before the current entry, then scan up to the entry before it.
        int r = restartCount - 1;
        while (r > 0 && restartPoint(r) >= original) {
            r--;
        }
        if (restartPoint(r) >= original) {
            current = restartsOffset;
            invalidateCopies();
            return;
        }
        seekToRestart(r);
        while (parseNext() && nextEntry < original) {
            // scan to the entry just before the original
        }
    }

    @Override
    public byte[] key() {
        if (keyCopy == null) {
            keyCopy = Arrays.copyOf(keyBuf, keyLength);
        }
        return keyCopy;
    }

    @Override
    public byte[] value() {
        if (valueCopy == null) {
            byte[] v = new byte[valueLength];
            data.get(valueOffset, v, 0, valueLength);
            valueCopy = v;
        }
        return valueCopy;
    }

    @Override
    public byte[] keyBuffer() {
        return keyBuf;
    }

    @Override
    public int keyLength() {
        return keyLength;
    }

    @Override
    public int valueLength() {
        return valueLength;
    }

    @Override
    public void copyValue(byte[] dst, int offset) {
        copyBytes(valueOffset, dst, offset, valueLength);
    }

    private void seekToRestart(int index) {
        keyLength = 0;
        nextEntry = restartPoint(index);
        current = Integer.MAX_VALUE;
    }

    private void invalidateCopies() {
        keyCopy = null;
        valueCopy = null;
    }

    private void ensureKeyCapacity(int n) {
        if (keyBuf.length < n) {
            keyBuf = Arrays.copyOf(keyBuf, Math.max(n, keyBuf.length * 2));
        }
    }

    /** Decodes the varint32 at {@link #pos} within the entries, advancing it. */
    private int varint() {
        int p = pos;
        int result = 0;
        for (int shift = 0; shift <= 28; shift += 7) {
            if (p >= restartsOffset) {
                throw corrupt("truncated varint at offset " + p);
            }
            int b = data.get(p++);
            result |= (b & 0x7f) << shift;
            if (b >= 0) {
                pos = p;
                return result;
            }
        }
        throw corrupt("malformed varint at offset " + pos);
    }

    /**
     * The current entry's position in the block (0 for the first; the number of entries when not valid), for a
     * block whose every {@code interval}-th entry is a restart point: found through the restart at or before it
     * and the headers of the entries between, so no key is decoded. A count that knows the block's entries
     * counts the ones before or after a position from it.
     */
    int entryOrdinal(int interval) {
        int lo = 0;
        int hi = restartCount - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (restartPoint(mid) <= current) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        int n = lo * interval;
        int saved = pos;
        int target = Math.min(current, restartsOffset);
        int p = restartPoint(lo);
        while (p < target) {
            pos = p;
            varint();
            int unshared = varint();
            int vlen = varint();
            if (unshared < 0 || vlen < 0 || (long) pos + unshared + vlen > restartsOffset) {
                throw corrupt("bad entry at offset " + p);
            }
            p = pos + unshared + vlen;
            n++;
        }
        pos = saved;
        if (p != target) {
            throw corrupt("entry at offset " + current + " is not on an entry boundary");
        }
        return n;
    }

    /** Decodes the entry at nextEntry; false (and invalid) at the end of the block. */
    private boolean parseNext() {
        invalidateCopies();
        if (nextEntry >= restartsOffset) {
            current = restartsOffset;
            return false;
        }
        current = nextEntry;
        pos = nextEntry;
        int shared;
        int unshared;
        int vlen;
        long head;
        // Fast path: three one-byte lengths (keys and values under 128 bytes), read as one word.
        if (pos + 8 <= restartsOffset && ((head = data.getLong(pos)) & 0x808080L) == 0) {
            shared = (int) head & 0xff;
            unshared = (int) (head >>> 8) & 0xff;
            vlen = (int) (head >>> 16) & 0xff;
            pos += 3;
        } else {
            shared = varint();
            unshared = varint();
            vlen = varint();
        }
        if (shared > keyLength || unshared < 0 || vlen < 0 || (long) pos + unshared + vlen > restartsOffset) {
            throw corrupt("bad entry at offset " + current);
        }
        int newLength = shared + unshared;
        copyKey(shared, unshared);
        keyLength = newLength;
        slot.bytes = keyBuf;
        slot.length = newLength;
        valueOffset = pos + unshared;
        valueLength = vlen;
        nextEntry = valueOffset + vlen;
        return true;
    }

    /**
     * Counting over the rest of this block (see {@link InternalIterator#countForward}): each entry's header is
     * decoded and its key brought up to date in place, and an entry is an older version of the key decided last
     * when its user key's unshared bytes equal the previous key's (with this project's writers, which share the
     * longest prefix, the first byte already differs for a new key). Nothing is copied out.
     *
     * @param checkLimit whether an entry may reach {@link ForwardCount#limit()}; false when the block's
     *                   separator in the index lies below it
     * @return true when stopped on an entry at or past the limit (positioned on it), false when the block ran out
     */
    boolean countForward(ForwardCount s, boolean checkLimit) {
        invalidateCopies();
        long readSequence = s.readSequence();
        byte[] limit = s.limit();
        int limitLength = s.limitLength();
        boolean decided = s.decided();
        boolean fresh = current >= restartsOffset; // no entry decoded yet: compare the first with the state's key
        boolean testing = s.testsValues();
        ForwardCount.ValueTest test = testing ? s.test() : null;
        int headBytes = testing ? test.headBytes() : 0;
        long counted = 0;
        int entries = 0;
        while (nextEntry < restartsOffset) {
            int p = nextEntry;
            pos = p;
            int shared;
            int unshared;
            int vlen;
            long head;
            if (pos + 8 <= restartsOffset && ((head = data.getLong(pos)) & 0x808080L) == 0) {
                shared = (int) head & 0xff;
                unshared = (int) (head >>> 8) & 0xff;
                vlen = (int) (head >>> 16) & 0xff;
                pos += 3;
            } else {
                shared = varint();
                unshared = varint();
                vlen = varint();
            }
            int newLength = shared + unshared;
            int userLength = newLength - InternalKey.TRAILER_SIZE;
            if (shared > keyLength || unshared < 0 || vlen < 0 || (long) pos + unshared + vlen > restartsOffset
                    || userLength < 0) {
                throw corrupt("bad entry at offset " + p);
            }
            boolean same = false;
            if (decided) {
                if (fresh) {
                    copyKey(shared, unshared);
                    same = s.isLast(keyBuf, 0, userLength);
                } else {
                    same = newLength == keyLength && userBytesEqual(pos, shared, userLength);
                    copyKey(shared, unshared);
                }
            } else {
                copyKey(shared, unshared);
            }
            fresh = false;
            entries++;
            current = p;
            keyLength = newLength;
            valueOffset = pos + unshared;
            valueLength = vlen;
            nextEntry = valueOffset + vlen;
            if (checkLimit && Arrays.compareUnsigned(keyBuf, 0, userLength, limit, 0, limitLength) >= 0) {
                s.stop(counted, entries - 1);
                slot.set(keyBuf, keyLength);
                return true;
            }
            long trailer = InternalKey.trailer(keyBuf, 0, newLength);
            if ((trailer >>> 8) > readSequence) {
                decided = false;
            } else if (!same) {
                if ((byte) trailer == InternalKey.KIND_PUT) {
                    if (testing && passesTest(s, test, headBytes)) {
                        s.foundAt(counted, entries - 1);
                        slot.set(keyBuf, keyLength);
                        return true;
                    }
                    counted++;
                }
                decided = true;
            }
        }
        current = restartsOffset;
        if (!fresh) {
            s.leave(counted, entries, decided, keyBuf, keyLength - InternalKey.TRAILER_SIZE);
        }
        return false;
    }

    /**
     * Whether the current entry's value passes {@code test}: decided from its first {@code headBytes} when the
     * test can ({@link ForwardCount.ValueTest#testHead}), so most values are never copied whole.
     */
    private boolean passesTest(ForwardCount s, ForwardCount.ValueTest test, int headBytes) {
        if (headBytes > 0) {
            int verdict = headBytes <= 8 && valueOffset + 8 <= data.capacity()
                    ? test.testHeadWord(data.getLong(valueOffset), valueLength) // the data is little-endian
                    : ForwardCount.ValueTest.UNSURE;
            if (verdict == ForwardCount.ValueTest.UNSURE) {
                verdict = test.testHead(headForTest(s, headBytes), valueLength);
            }
            if (verdict != ForwardCount.ValueTest.UNSURE) {
                return verdict == ForwardCount.ValueTest.PASS;
            }
        }
        return test.test(valueForTest(s), valueLength);
    }

    /** The first {@code min(want, valueLength)} bytes of the current entry's value in the count's scratch buffer. */
    private byte[] headForTest(ForwardCount s, int want) {
        int n = Math.min(want, valueLength);
        byte[] v = s.scratch(n + 8);
        if (array == null && valueOffset + n + 8 <= data.capacity()) {
            for (int i = 0; i < n; i += 8) {
                LONGS.set(v, i, data.getLong(valueOffset + i));
            }
        } else {
            copyBytes(valueOffset, v, 0, n);
        }
        return v;
    }

    /** The current entry's value copied to the count's scratch buffer, at 0. */
    private byte[] valueForTest(ForwardCount s) {
        int n = valueLength;
        byte[] v = s.scratch(n + 8);
        if (array == null && n <= 64 && valueOffset + n + 8 <= data.capacity()) {
            // whole words, the last one running past the value into the scratch buffer's spare room
            for (int i = 0; i < n; i += 8) {
                LONGS.set(v, i, data.getLong(valueOffset + i));
            }
        } else {
            copyBytes(valueOffset, v, 0, n);
        }
        return v;
    }

    /**
     * Copies {@code n} block bytes at {@code at} to {@code dst[off, off + n)}: from a heap block with arraycopy;
     * from a mapped one by words when short, as a bulk get costs more to set up than a short copy.
     */
    private void copyBytes(int at, byte[] dst, int off, int n) {
        if (array != null) {
            System.arraycopy(array, arrayOffset + at, dst, off, n);
            return;
        }
        if (n > 64) {
            data.get(at, dst, off, n);
            return;
        }
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            LONGS.set(dst, off + i, data.getLong(at + i));
        }
        for (; i < n; i++) {
            dst[off + i] = data.get(at + i);
        }
    }

    /** Whether the entry bytes at {@code at} equal the current key's {@code keyBuf[shared, userLength)}. */
    private boolean userBytesEqual(int at, int shared, int userLength) {
        int n = userLength - shared;
        if (n <= 0) {
            return true;
        }
        if (array != null) {
            int a = arrayOffset + at;
            return Arrays.equals(array, a, a + n, keyBuf, shared, userLength);
        }
        for (int i = 0; i < n; i++) {
            if (data.get(at + i) != keyBuf[shared + i]) {
                return false;
            }
        }
        return true;
    }

    /** Copies the entry's unshared key bytes at {@link #pos} to {@code keyBuf[shared, shared + unshared)}. */
    private void copyKey(int shared, int unshared) {
        int newLength = shared + unshared;
        if (keyBuf.length < newLength + 16) {
            keyBuf = Arrays.copyOf(keyBuf, Math.max(newLength + 16, keyBuf.length * 2));
        }
        if (array != null) {
            System.arraycopy(array, arrayOffset + pos, keyBuf, shared, unshared);
        } else if (unshared <= 64 && pos + 8 <= data.capacity()) {
            // Words instead of a bulk copy, whose set-up costs more than a short key. The last word is stored
            // ending at the key's end, exactly where the trailer (sequence and kind) is read next: a load that
            // straddled two stores would wait for both to retire instead of being forwarded (that wait was
            // the largest single cost of counting index entries). A run under 8 bytes (a newer version of the
            // same key shares all but the trailer's low bytes) is the first word, stored twice, its bytes past
            // the key landing in keyBuf's spare room: one path for every length, so no length is a branch that
            // a warm-up never took and the first such entry sends the compiled scan back to the interpreter.
            LONGS.set(keyBuf, shared, data.getLong(pos));
            int last = Math.max(unshared - 8, 0);
            for (int i = 8; i < last; i += 8) {
                LONGS.set(keyBuf, shared + i, data.getLong(pos + i));
            }
            LONGS.set(keyBuf, shared + last, data.getLong(pos + last));
        } else {
            data.get(pos, keyBuf, shared, unshared);
        }
    }

    private java.io.UncheckedIOException corrupt(String why) {
        return new java.io.UncheckedIOException(new CorruptionException(block.source() + ": " + why));
    }
}
