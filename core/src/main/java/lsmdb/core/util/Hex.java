package lsmdb.core.util;

/** Keys in messages: printable ASCII as is, other bytes as {@code \xNN}, long keys cut. */
public final class Hex {

    private static final int MAX_SHOWN = 64;

    private Hex() {
    }

    public static String of(byte[] b) {
        StringBuilder sb = new StringBuilder("'");
        int n = Math.min(b.length, MAX_SHOWN);
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '\\' && c != '\'') {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        if (b.length > n) {
            sb.append("...(").append(b.length).append(" bytes)");
        }
        return sb.append('\'').toString();
    }
}
