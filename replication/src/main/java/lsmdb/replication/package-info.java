/**
 * Replication: three (or any odd number of) nodes, one database, through an Apache Ratis (Raft) log. No commit
 * acknowledged to a client is lost while a majority of nodes lives.
 *
 * <h2>What is replicated</h2>
 * A committed transaction as the engine sees it ({@link lsmdb.replication.TxnEntry}): the engine write batch the
 * SQL layer produced (rows, index entries, and for DDL the catalog's own keys), the node that proposed it, and the
 * snapshot it read from, expressed as a Raft log index. The SQL layer is unchanged: the engine's
 * {@link lsmdb.core.LsmDb#routeCommits commit route} sends each of its writes to the log instead of the local WAL.
 *
 * <h2>First committer wins, the same everywhere</h2>
 * Every node applies entries in log order ({@link lsmdb.replication.EngineApplier}) and decides from data all nodes
 * hold identically: beside each key, the log index of the last entry that wrote it (and range deletes by index),
 * kept under the reserved prefix {@code 0xFF 'R'} and written in the same atomic batch as the data and the applied
 * index. An entry whose snapshot index is below the last-writer index of any key it writes is aborted on every node
 * and the writer gets 40001. A leader places a local snapshot in the log by the engine sequence it recorded after
 * each apply. A transaction whose snapshot lies more than a million entries back is aborted the same way, which lets
 * every node drop older last-writer records at the same entries (they would otherwise pile up for deleted keys).
 *
 * <h2>Raft log and engine WAL</h2>
 * Entries are applied with the engine's WAL unsynced; the Raft log (synced by Ratis) is the source of truth. The
 * applied index is stored with the data atomically, so after a restart Ratis replays from the newest snapshot and
 * entries at or below the engine's applied index are skipped. A Raft snapshot is an lsmdb checkpoint cut while
 * applying is held ({@link lsmdb.replication.CheckpointStorage}); the log is purged only up to it. A node that was
 * away longer than the retained log receives the leader's checkpoint and replaces its engine with it; so does a
 * node whose engine lost its unsynced tail below the newest checkpoint.
 *
 * <h2>Writes on a follower</h2>
 * Refused, never forwarded: the SQL layer keeps its catalog and row-id counters in memory, current only on the
 * node that made the writes, so a follower cannot vouch for a transaction it would build. An auto-committed DML or
 * DDL, or a COMMIT, on a follower fails with {@link lsmdb.replication.NotLeaderException}, SQLState {@code 40R01} (class 40: the
 * transaction was rolled back, run it again), whose message and accessors name the leader and its address. A new
 * leader reloads the SQL layer's memory from its engine once it has applied the whole log.
 *
 * <h2>Commits the log cannot vouch for</h2>
 * A write the leader put in its log but whose fate it did not learn (it stepped down, lost its majority, or no
 * majority answered within 30 s) fails with {@link lsmdb.replication.CommitOutcomeUnknownException}, SQLState
 * {@code 40003} (statement completion unknown): a later leader may still commit it. A member without a majority
 * therefore refuses writes with 40R01 (no leader known) once it has stepped down, and with 40003 for those it held
 * when it lost the majority; neither hangs.
 *
 * <h2>Reads</h2>
 * Local, from the node's engine: a follower may trail the leader by the entries it has not applied yet. While a
 * member is cut off from the majority (a candidate, a follower that has not heard from a leader for the longest
 * election timeout, a leader that has not heard from a majority for as long) a local query still answers, from
 * what it applied, and carries an {@link java.sql.SQLWarning} with SQLState {@code 01R01} ("this read may be
 * stale"), on the JDBC {@code Statement} and its {@code ResultSet}. With
 * {@link lsmdb.replication.ReplicatedNode.Tuning#linearizableReads()} ({@code reads=linearizable} in the URL) a query
 * first waits for the Raft read index (the leader's commit index, confirmed by a majority) to be applied here; with
 * no leader reachable it fails within 10 s with SQLState {@code 08R02}, a {@link java.sql.SQLTransientException}.
 *
 * <h2>Monitoring</h2>
 * SYS.CLUSTER lists the members as this node sees them; the member's own row (node, address, role, leader, term,
 * commit index, applied index) is also a JMX MXBean ({@link lsmdb.replication.ClusterMXBean}) named
 * {@code lsmdb:type=Cluster,node=ID}, registered while the member runs.
 *
 * <h2>Connecting</h2>
 * {@code jdbc:lsm:/data/db?cluster=n1@host1:7001,n2@host2:7001,n3@host3:7001&node=n1[&reads=linearizable]}: the
 * driver hands such URLs to {@link lsmdb.replication.ReplicationOpener} through {@code ServiceLoader}.
 */
package lsmdb.replication;
