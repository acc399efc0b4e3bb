package lsmdb.e2e.crash;

/** The crash writer's key and value scheme, for tests outside this package that run {@link CrashWriter}. */
public final class CrashTestAccess {

    private CrashTestAccess() {
    }

    public static byte[] key(long i) {
        return CrashTest.key(i);
    }

    public static byte[] companion(long i) {
        return CrashTest.companion(i);
    }

    public static byte[] value(long i) {
        return CrashTest.value(i);
    }
}
