package lsmdb.replication;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotRetentionPolicy;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.impl.FileListSnapshotInfo;

/**
 * Ratis snapshots as lsmdb checkpoints: each is a directory {@code checkpoint_<term>_<index>} in the state machine
 * directory, a complete database whose applied index is {@code index}. It is cut into a {@code .tmp} directory and
 * renamed when whole, so a directory with the final name is always a usable database. Ratis ships the files of the
 * newest one to a follower that is behind the retained log, into its own state machine directory.
 */
final class CheckpointStorage implements StateMachineStorage {

    private static final Pattern NAME = Pattern.compile("checkpoint_(\\d+)_(\\d+)");
    /** Ratis writes a digest file beside each installed file; it is not part of the database. */
    static final String DIGEST_SUFFIX = ".md5";

    private volatile Path dir;

    @Override
    public void init(RaftStorage storage) throws IOException {
        dir = storage.getStorageDir().getStateMachineDir().toPath();
        Files.createDirectories(dir);
    }

    Path directory() {
        return dir;
    }

    Path checkpointDir(long term, long index) {
        return dir.resolve("checkpoint_" + term + "_" + index);
    }

    /** The newest complete checkpoint, or null. */
    @Override
    public FileListSnapshotInfo getLatestSnapshot() {
        Path d = dir;
        if (d == null || !Files.isDirectory(d)) {
            return null;
        }
        Path best = null;
        TermIndex bestTi = null;
        for (Path p : list(d)) {
            TermIndex ti = termIndexOf(p);
            if (ti != null && Files.isDirectory(p) && (bestTi == null || ti.getIndex() > bestTi.getIndex())) {
                best = p;
                bestTi = ti;
            }
        }
        if (best == null) {
            return null;
        }
        List<FileInfo> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(best)) {
            s.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(DIGEST_SUFFIX)).sorted()
                    .forEach(p -> files.add(new FileInfo(p, null)));
        } catch (IOException e) {
            return null;
        }
        return new FileListSnapshotInfo(files, bestTi);
    }

    /** The checkpoint directory of {@code snapshot}. */
    Path directoryOf(FileListSnapshotInfo snapshot) {
        return checkpointDir(snapshot.getTerm(), snapshot.getIndex());
    }

    @Override
    public void format() {
        // nothing to prepare: checkpoints are made on demand
    }

    /** Keeps the newest checkpoint (and as many as the policy asks); deletes the others and stray .tmp ones. */
    @Override
    public void cleanupOldSnapshots(SnapshotRetentionPolicy policy) throws IOException {
        int keep = Math.max(1, policy == null ? 1 : policy.getNumSnapshotsRetained());
        List<Path> done = new ArrayList<>();
        for (Path p : list(dir)) {
            if (termIndexOf(p) != null) {
                done.add(p);
            } else if (p.getFileName().toString().startsWith("checkpoint_")) {
                deleteTree(p);
            }
        }
        done.sort(Comparator.comparingLong((Path p) -> termIndexOf(p).getIndex()).reversed());
        for (Path p : done.subList(Math.min(keep, done.size()), done.size())) {
            deleteTree(p);
        }
    }

    private static TermIndex termIndexOf(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        return m.matches() ? TermIndex.valueOf(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))) : null;
    }

    private static List<Path> list(Path d) {
        try (Stream<Path> s = Files.list(d)) {
            return s.toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public File getSnapshotDir() {
        return null; // Ratis's state machine directory
    }
}
