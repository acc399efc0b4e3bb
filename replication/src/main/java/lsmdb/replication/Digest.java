package lsmdb.replication;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import lsmdb.core.LsmDb;
import lsmdb.core.LsmIterator;

/** A SHA-256 over every key and value of an engine, in order: equal digests, equal databases. */
public final class Digest {

    private Digest() {
    }

    public static byte[] of(LsmDb engine) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (LsmIterator it = engine.iterator()) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                md.update(lengthOf(it.key().length));
                md.update(it.key());
                md.update(lengthOf(it.value().length));
                md.update(it.value());
            }
        }
        return md.digest();
    }

    private static byte[] lengthOf(int n) {
        return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }
}
