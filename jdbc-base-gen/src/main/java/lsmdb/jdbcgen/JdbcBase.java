package lsmdb.jdbcgen;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks {@link JdbcBaseProcessor} for an abstract class, in the annotated package, that implements every abstract
 * method of a JDBC interface: refusing it ({@link Answer#UNSUPPORTED}) or answering "no" ({@link Answer#NO}).
 * Driver classes extend it and override what they support, so a new JDK's JDBC methods never break the build.
 */
@Retention(RetentionPolicy.SOURCE)
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Repeatable(JdbcBases.class)
public @interface JdbcBase {

    /** The JDBC interface to implement. */
    Class<?> of();

    /** The simple name of the class to write. */
    String name();

    /** How the generated methods answer. */
    Answer answer() default Answer.UNSUPPORTED;

    /**
     * The class the generated one extends, by simple name in the same package; empty for none. It must already
     * implement {@link #inherited()}, whose methods are then left to it.
     */
    String superclass() default "";

    /** The interface {@link #superclass()} implements; its methods (and its super-interfaces') are not written. */
    Class<?> inherited() default Void.class;

    /** What a generated method does. */
    enum Answer {
        /**
         * Fails: with {@code Jdbc.unsupported("Interface.method")} (SQLState 0A000) when the method declares
         * SQLException, else with the first exception it declares, else UnsupportedOperationException.
         */
        UNSUPPORTED,
        /**
         * Answers "no" as metadata does: false, 0, "", an empty result set (the subclass's {@code empty(method)}),
         * ROWID_UNSUPPORTED; a void method does nothing; any other result fails as for {@link #UNSUPPORTED}, but
         * naming only the method.
         */
        NO
    }
}
