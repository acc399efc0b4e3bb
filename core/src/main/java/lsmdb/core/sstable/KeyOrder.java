package lsmdb.core.sstable;

import lsmdb.core.format.InternalKey;

/** How the keys of a block compare. */
interface KeyOrder {

    /** Internal-key order: the order of every block of a table, data and index alike. */
    KeyOrder INTERNAL = InternalKey::compare;

    int compare(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen);
}
