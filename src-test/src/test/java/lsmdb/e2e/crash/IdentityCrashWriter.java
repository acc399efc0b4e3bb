package lsmdb.e2e.crash;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The child process of {@link IdentityCrashTest}: inserts rows with an identity key forever through JDBC and prints
 * {@code ack ID} once the insert of that identity value returned, until it is killed. Arguments: directory, sync.
 */
public final class IdentityCrashWriter {

    private IdentityCrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        String url = "jdbc:lsm:" + args[0] + "?sync=" + args[1] + "&writeBufferSize=64KB";
        try (Connection c = DriverManager.getConnection(url)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS t (id BIGINT AUTO_INCREMENT PRIMARY KEY, pad VARCHAR(100))");
            }
            System.out.println("open");
            System.out.flush();
            try (PreparedStatement p = c.prepareStatement("INSERT INTO t (pad) VALUES (?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                for (long i = 0; ; i++) {
                    p.setString(1, "x".repeat((int) (i % 100)));
                    p.executeUpdate();
                    try (ResultSet k = p.getGeneratedKeys()) {
                        k.next();
                        System.out.println("ack " + k.getLong(1));
                    }
                    if ((i & 31) == 0) {
                        System.out.flush();
                    }
                }
            }
        }
    }
}
