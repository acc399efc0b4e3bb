package lsmdb.core.version;

/** The range deletes a read must honour. */
public interface RangeTombstones {

    RangeTombstones NONE = (userKey, entrySequence, readSequence) -> false;

    /** True if a range delete with a sequence above {@code entrySequence} and at most {@code readSequence} covers the key. */
    boolean covers(byte[] userKey, long entrySequence, long readSequence);
}
