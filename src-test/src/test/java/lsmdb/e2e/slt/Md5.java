package lsmdb.e2e.slt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The corpus's result hash: MD5 over every value followed by a newline, as lower-case hex. */
final class Md5 {

    private Md5() {
    }

    static String ofValues(List<String> values) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            for (String v : values) {
                md5.update(v.getBytes(StandardCharsets.UTF_8));
                md5.update((byte) '\n');
            }
            return HexFormat.of().formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
