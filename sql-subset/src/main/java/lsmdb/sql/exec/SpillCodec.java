package lsmdb.sql.exec;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * SQL values written to and read back from a spilled sort's run file: a tag byte per value, then its payload. A
 * value reads back as an equal object of the same class (a sort's result must not depend on whether it spilled),
 * so the classes are matched exactly, not by instanceof: a Timestamp is a java.util.Date, but must come back a
 * Timestamp with its nanoseconds.
 */
final class SpillCodec {

    private SpillCodec() {
    }

    private static final byte NULL = 0;
    private static final byte INT = 1;
    private static final byte LONG = 2;
    private static final byte SHORT = 3;
    private static final byte BYTE = 4;
    private static final byte DOUBLE = 5;
    private static final byte FLOAT = 6;
    private static final byte DECIMAL = 7;
    private static final byte STRING = 8;
    private static final byte TRUE = 9;
    private static final byte FALSE = 10;
    private static final byte BYTES = 11;
    private static final byte UUID_ = 12;
    private static final byte LOCAL_TIME = 13;
    private static final byte OFFSET_DATE_TIME = 14;
    private static final byte TIMESTAMP = 15;
    private static final byte SQL_DATE = 16;
    private static final byte SQL_TIME = 17;
    private static final byte LOCAL_DATE = 18;
    private static final byte LOCAL_DATE_TIME = 19;
    private static final byte BIG_INTEGER = 20;
    private static final byte UTIL_DATE = 21;

    /** Writes {@code values} with their count. */
    static void writeAll(DataOutputStream out, Object[] values, byte[][] scratch) throws IOException, SQLException {
        out.writeInt(values.length);
        for (Object v : values) {
            write(out, v, scratch);
        }
    }

    /** Reads what {@link #writeAll} wrote. */
    static Object[] readAll(DataInputStream in) throws IOException {
        Object[] values = new Object[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = read(in);
        }
        return values;
    }

    /**
     * Writes one value; {@code scratch[0]} is a buffer strings are encoded in, grown as needed. A class this codec
     * does not know is 53200: the rows cannot leave memory, which is the statement's failure without spilling.
     */
    static void write(DataOutputStream out, Object v, byte[][] scratch) throws IOException, SQLException {
        if (v == null) {
            out.writeByte(NULL);
        } else if (v.getClass() == Integer.class) {
            out.writeByte(INT);
            out.writeInt((Integer) v);
        } else if (v.getClass() == Long.class) {
            out.writeByte(LONG);
            out.writeLong((Long) v);
        } else if (v.getClass() == String.class) {
            writeString(out, (String) v, scratch);
        } else if (v.getClass() == BigDecimal.class) {
            BigDecimal d = (BigDecimal) v;
            out.writeByte(DECIMAL);
            out.writeInt(d.scale());
            writeBytes(out, d.unscaledValue().toByteArray());
        } else if (v.getClass() == Double.class) {
            out.writeByte(DOUBLE);
            out.writeLong(Double.doubleToRawLongBits((Double) v)); // raw: NaN payloads and -0.0 come back as they were
        } else if (v.getClass() == Boolean.class) {
            out.writeByte((Boolean) v ? TRUE : FALSE);
        } else if (v.getClass() == byte[].class) {
            out.writeByte(BYTES);
            writeBytes(out, (byte[]) v);
        } else if (v.getClass() == java.sql.Timestamp.class) {
            java.sql.Timestamp t = (java.sql.Timestamp) v;
            out.writeByte(TIMESTAMP);
            out.writeLong(t.getTime());
            out.writeInt(t.getNanos());
        } else if (v.getClass() == java.sql.Date.class) {
            out.writeByte(SQL_DATE);
            out.writeLong(((java.sql.Date) v).getTime());
        } else if (v.getClass() == OffsetDateTime.class) {
            OffsetDateTime o = (OffsetDateTime) v;
            out.writeByte(OFFSET_DATE_TIME);
            out.writeLong(o.toEpochSecond());
            out.writeInt(o.getNano());
            out.writeInt(o.getOffset().getTotalSeconds());
        } else if (v.getClass() == LocalTime.class) {
            out.writeByte(LOCAL_TIME);
            out.writeLong(((LocalTime) v).toNanoOfDay());
        } else if (v.getClass() == UUID.class) {
            UUID u = (UUID) v;
            out.writeByte(UUID_);
            out.writeLong(u.getMostSignificantBits());
            out.writeLong(u.getLeastSignificantBits());
        } else {
            writeRare(out, v);
        }
    }

    /** Classes a value has only when a parameter or a function made it so. */
    private static void writeRare(DataOutputStream out, Object v) throws IOException, SQLException {
        if (v.getClass() == Short.class) {
            out.writeByte(SHORT);
            out.writeShort((Short) v);
        } else if (v.getClass() == Byte.class) {
            out.writeByte(BYTE);
            out.writeByte((Byte) v);
        } else if (v.getClass() == Float.class) {
            out.writeByte(FLOAT);
            out.writeInt(Float.floatToRawIntBits((Float) v));
        } else if (v.getClass() == BigInteger.class) {
            out.writeByte(BIG_INTEGER);
            writeBytes(out, ((BigInteger) v).toByteArray());
        } else if (v.getClass() == java.sql.Time.class) {
            out.writeByte(SQL_TIME);
            out.writeLong(((java.sql.Time) v).getTime());
        } else if (v.getClass() == java.util.Date.class) {
            out.writeByte(UTIL_DATE);
            out.writeLong(((java.util.Date) v).getTime());
        } else if (v.getClass() == LocalDate.class) {
            out.writeByte(LOCAL_DATE);
            out.writeLong(((LocalDate) v).toEpochDay());
        } else if (v.getClass() == LocalDateTime.class) {
            LocalDateTime t = (LocalDateTime) v;
            out.writeByte(LOCAL_DATE_TIME);
            out.writeLong(t.toEpochSecond(ZoneOffset.UTC));
            out.writeInt(t.getNano());
        } else {
            throw new SQLException("the statement needs more than maxQueryMemory to sort, and a value of class "
                    + v.getClass().getName() + " cannot be spilled to a temporary file; raise maxQueryMemory",
                    "53200");
        }
    }

    /** Reads one value {@link #write} wrote. */
    static Object read(DataInputStream in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case NULL -> null;
            case INT -> in.readInt();
            case LONG -> in.readLong();
            case SHORT -> in.readShort();
            case BYTE -> in.readByte();
            case DOUBLE -> Double.longBitsToDouble(in.readLong());
            case FLOAT -> Float.intBitsToFloat(in.readInt());
            case DECIMAL -> {
                int scale = in.readInt();
                yield new BigDecimal(new BigInteger(readBytes(in)), scale);
            }
            case STRING -> readString(in);
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case BYTES -> readBytes(in);
            case UUID_ -> new UUID(in.readLong(), in.readLong());
            case LOCAL_TIME -> LocalTime.ofNanoOfDay(in.readLong());
            case OFFSET_DATE_TIME -> {
                long sec = in.readLong();
                int nanos = in.readInt();
                ZoneOffset zone = ZoneOffset.ofTotalSeconds(in.readInt());
                yield OffsetDateTime.ofInstant(Instant.ofEpochSecond(sec, nanos), zone);
            }
            case TIMESTAMP -> {
                java.sql.Timestamp t = new java.sql.Timestamp(in.readLong());
                t.setNanos(in.readInt());
                yield t;
            }
            case SQL_DATE -> new java.sql.Date(in.readLong());
            case SQL_TIME -> new java.sql.Time(in.readLong());
            case UTIL_DATE -> new java.util.Date(in.readLong());
            case LOCAL_DATE -> LocalDate.ofEpochDay(in.readLong());
            case LOCAL_DATE_TIME -> {
                long sec = in.readLong();
                yield LocalDateTime.ofEpochSecond(sec, in.readInt(), ZoneOffset.UTC);
            }
            case BIG_INTEGER -> new BigInteger(readBytes(in));
            default -> throw new IOException("a sort's run file holds an unknown value tag " + tag);
        };
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return b;
    }

    /**
     * A string as its char count and each char in one to three bytes (modified UTF-8 without writeUTF's 64 KB
     * limit): every char comes back, unpaired surrogates too, which UTF-8 proper would replace.
     */
    private static void writeString(DataOutputStream out, String s, byte[][] scratch) throws IOException {
        int n = s.length();
        byte[] b = scratch[0];
        if (b.length < 3 * n) {
            b = scratch[0] = new byte[Math.max(3 * n, 2 * b.length)];
        }
        int p = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 1 && c < 0x80) {
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | c >> 6);
                b[p++] = (byte) (0x80 | c & 0x3F);
            } else {
                b[p++] = (byte) (0xE0 | c >> 12);
                b[p++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[p++] = (byte) (0x80 | c & 0x3F);
            }
        }
        out.writeByte(STRING);
        out.writeInt(n);
        out.writeInt(p);
        out.write(b, 0, p);
    }

    private static String readString(DataInputStream in) throws IOException {
        char[] chars = new char[in.readInt()];
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        int p = 0;
        for (int i = 0; i < chars.length; i++) {
            int c = b[p++] & 0xFF;
            if (c < 0x80) {
                chars[i] = (char) c;
            } else if (c < 0xE0) {
                chars[i] = (char) ((c & 0x1F) << 6 | b[p++] & 0x3F);
            } else {
                chars[i] = (char) ((c & 0x0F) << 12 | (b[p++] & 0x3F) << 6 | b[p++] & 0x3F);
            }
        }
        return new String(chars);
    }
}
