package lsmdb.core.format;

/**
 * Where an iterator keeps its current key: {@code bytes[0, length)}, valid while the iterator is valid and until it
 * moves. Each iterator has one slot for its lifetime ({@link InternalIterator#keySlot()}), so a merge looks its
 * children's keys up once and then reads them as fields after each step, instead of calling each child (an interface
 * call the JIT cannot inline once memtables, tables and levels meet at the same call site) for the buffer and length.
 */
public final class KeySlot {
    public byte[] bytes;
    public int length;

    public void set(byte[] bytes, int length) {
        this.bytes = bytes;
        this.length = length;
    }
}
