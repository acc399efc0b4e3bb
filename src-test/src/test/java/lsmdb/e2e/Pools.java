package lsmdb.e2e;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;

/** The small HikariCP pool the client-library tests share: two connections to a file database without sync. */
final class Pools {

    private Pools() {
    }

    static HikariDataSource small(Path dir) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl("jdbc:lsm:" + dir.resolve("db") + "?sync=false");
        cfg.setMaximumPoolSize(2);
        return new HikariDataSource(cfg);
    }
}
