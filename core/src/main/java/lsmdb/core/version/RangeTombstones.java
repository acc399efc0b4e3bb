package lsmdb.core.version;

/** The range deletes a read must honour. */
public interface RangeTombstones {

    RangeTombstones NONE = new RangeTombstones() {
        @Override
        public boolean covers(byte[] userKey, long entrySequence, long readSequence) {
            return false;
        }

        @Override
        public boolean isEmpty() {
            return true;
        }
    };

    /** True if a range delete with a sequence above {@code entrySequence} and at most {@code readSequence} covers the key. */
    boolean covers(byte[] userKey, long entrySequence, long readSequence);

    /** Whether there is no range delete at all, so readers may skip {@link #covers} (and the key copy it needs). */
    default boolean isEmpty() {
        return false;
    }
}
