package lsmdb.core.io;

import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;

/** Releases a mapping now rather than when the collector finds it, so deleted tables free their disk space. */
final class Unmapper {
    private static final java.lang.invoke.MethodHandle INVOKE_CLEANER = find();

    private static java.lang.invoke.MethodHandle find() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            java.lang.reflect.Field f = unsafeClass.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            Object unsafe = f.get(null);
            return java.lang.invoke.MethodHandles.lookup()
                    .findVirtual(unsafeClass, "invokeCleaner",
                            java.lang.invoke.MethodType.methodType(void.class, ByteBuffer.class))
                    .bindTo(unsafe);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // no early unmapping: the collector releases mappings instead
        }
    }

    static void unmap(MappedByteBuffer map) {
        if (INVOKE_CLEANER != null) {
            try {
                INVOKE_CLEANER.invokeExact((ByteBuffer) map);
            } catch (Throwable e) {
                // leave it to the collector
            }
        }
    }
}
