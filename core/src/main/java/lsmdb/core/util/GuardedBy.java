package lsmdb.core.util;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The lock a field may only be read or written under, or a method only called under (JCIP's annotation, ours so
 * that core needs no dependency for it). {@code value} names the lock as the code knows it, e.g. {@code "mutex"},
 * the database's one {@link java.util.concurrent.locks.ReentrantLock}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface GuardedBy {
    String value();
}
