package lsmdb.replication;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HexFormat;
import lsmdb.core.Options;
import lsmdb.sql.Result;
import lsmdb.sql.Session;
import org.apache.ratis.util.SizeInBytes;

/**
 * One cluster member in a JVM of its own, for tests that SIGKILL members. It starts its node and answers a line
 * protocol on a loopback control port of its own choosing (its number written to a file for the parent), one SQL
 * session per control connection:
 *
 * <pre>
 * SQL text        → OK U count | OK R v,v;v,v (a query's rows) | ERR sqlstate message
 * AUTOCOMMIT on|off, COMMIT, ROLLBACK → OK | ERR sqlstate message
 * STATUS          → OK role ready(true|false) leader term commitIndex appliedIndex snapshotIndex logStartIndex
 * DIGEST          → OK hex digest of the whole engine
 * SNAPSHOT        → OK index of the checkpoint cut now
 * </pre>
 *
 * It exits when its standard input closes, so it never outlives the test JVM that started it.
 *
 * <p>Arguments: dir cluster nodeId controlPortFile snapshotEveryEntries logSegmentSize purgeGap sync
 */
public final class ProcessNode {

    private ProcessNode() {
    }

    public static void main(String[] args) {
        ControlServer.runOrHalt(() -> run(args));
    }

    private static void run(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        ClusterConfig config = ClusterConfig.parse(args[1], args[2]);
        Path controlPortFile = Path.of(args[3]);
        ReplicatedNode.Tuning tuning = new ReplicatedNode.Tuning(Long.parseLong(args[4]),
                SizeInBytes.valueOf(args[5]), Integer.parseInt(args[6]), 800, 1600, false); // elections as in TestCluster.FAST
        boolean sync = Boolean.parseBoolean(args[7]);
        ControlServer.haltWhenParentGoes();
        ReplicatedNode node = ReplicatedNode.start(config, dir, Options.defaults().withSync(sync), tuning);
        ControlServer.serve(controlPortFile, "READY " + config.self(), () -> node.database().openSession(),
                (session, line) -> answer(node, session, line));
    }

    private static String answer(ReplicatedNode node, Session session, String line) throws SQLException, IOException {
        int sp = line.indexOf(' ');
        String cmd = sp < 0 ? line : line.substring(0, sp);
        String arg = sp < 0 ? "" : line.substring(sp + 1);
        switch (cmd) {
            case "SQL" -> {
                Result r = session.execute(session.prepare(arg), new Object[0]);
                if (!r.isQuery()) {
                    return " U " + r.updateCount();
                }
                StringBuilder b = new StringBuilder(" R ");
                try (var rows = r.rows()) {
                    int columns = rows.columns().size();
                    boolean first = true;
                    while (rows.next()) {
                        if (!first) {
                            b.append(';');
                        }
                        first = false;
                        for (int c = 0; c < columns; c++) {
                            if (c > 0) {
                                b.append(',');
                            }
                            b.append(rows.get(c));
                        }
                    }
                }
                return b.toString();
            }
            case "AUTOCOMMIT" -> {
                session.setAutoCommit(arg.equals("on"));
                return "";
            }
            case "COMMIT" -> {
                session.commit();
                return "";
            }
            case "ROLLBACK" -> {
                session.rollback();
                return "";
            }
            case "STATUS" -> {
                var d = node.division();
                var snap = d.getStateMachine().getLatestSnapshot();
                String leader = node.leaderId();
                return " " + node.role() + " " + node.isLeader() + " " + (leader == null ? "-" : leader) + " "
                        + node.term() + " " + node.commitIndex() + " " + node.appliedIndex() + " "
                        + (snap == null ? 0 : snap.getIndex()) + " " + d.getRaftLog().getStartIndex();
            }
            case "DIGEST" -> {
                return " " + HexFormat.of().formatHex(Digest.of(node.applier().engine()));
            }
            case "SNAPSHOT" -> {
                return " " + node.takeSnapshot();
            }
            default -> throw new SQLException("unknown control command " + cmd, "42000");
        }
    }
}
