package lsmdb.sql.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import lsmdb.sql.exec.ReadView;
import org.junit.jupiter.api.Test;

/**
 * Savepoints' undo log against a model that copies the whole buffer at every savepoint (what it replaced): random
 * statements of puts and deletes over a few keys, savepoints set (names repeating), rolled back to and released, and
 * after every step the buffer and its counted bytes equal the model's.
 */
class SavepointsModelTest {

    private record ModelMark(String name, TreeMap<String, String> writes, long held) {
    }

    private static String show(TreeMap<byte[], byte[]> writes) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<byte[], byte[]> e : writes.entrySet()) {
            b.append(new String(e.getKey())).append('=')
                    .append(e.getValue() == ReadView.DELETED ? "<deleted>" : new String(e.getValue())).append(' ');
        }
        return b.toString();
    }

    private static String showModel(TreeMap<String, String> writes) {
        StringBuilder b = new StringBuilder();
        writes.forEach((k, v) -> b.append(k).append('=').append(v).append(' '));
        return b.toString();
    }

    @Test
    void theUndoLogRestoresWhatCopiesWould() throws SQLException {
        for (long seed = 1; seed <= 200; seed++) {
            Random r = new Random(seed);
            Savepoints sp = new Savepoints();
            TreeMap<byte[], byte[]> writes = ReadView.newWriteMap();
            long held = 0;
            TreeMap<String, String> model = new TreeMap<>();
            List<ModelMark> marks = new ArrayList<>();
            for (int step = 0; step < 200; step++) {
                int op = r.nextInt(10);
                String name = "s" + r.nextInt(4);
                if (op < 6) { // a statement's writes, added as Transaction.add does
                    TreeMap<byte[], byte[]> stmt = ReadView.newWriteMap();
                    for (int w = r.nextInt(4); w >= 0; w--) {
                        String k = "k" + r.nextInt(12);
                        boolean delete = r.nextInt(4) == 0;
                        String v = delete ? "<deleted>" : "v" + step + "." + w;
                        stmt.put(k.getBytes(), delete ? ReadView.DELETED : v.getBytes());
                        model.put(k, v);
                        held += 10;
                    }
                    for (Map.Entry<byte[], byte[]> e : stmt.entrySet()) {
                        byte[] before = writes.put(e.getKey(), e.getValue());
                        if (sp.any()) {
                            sp.recordBefore(e.getKey(), before);
                        }
                    }
                } else if (op < 8) {
                    sp.set(name, held);
                    marks.add(new ModelMark(name, new TreeMap<>(model), held));
                } else {
                    int at = -1;
                    for (int i = marks.size() - 1; i >= 0 && at < 0; i--) {
                        at = marks.get(i).name().equals(name) ? i : -1;
                    }
                    if (at < 0) {
                        boolean rollback = op == 8;
                        assertEquals("3B001", assertThrows(SQLException.class, () -> {
                            if (rollback) {
                                sp.rollbackTo(name, writes);
                            } else {
                                sp.release(name);
                            }
                        }).getSQLState());
                    } else if (op == 8) {
                        held = sp.rollbackTo(name, writes);
                        model = new TreeMap<>(marks.get(at).writes());
                        assertEquals(marks.get(at).held(), held, "seed " + seed + " step " + step);
                        marks.subList(at + 1, marks.size()).clear();
                    } else {
                        sp.release(name);
                        marks.subList(at, marks.size()).clear();
                    }
                }
                assertEquals(showModel(model), show(writes), "seed " + seed + " step " + step);
            }
        }
    }
}
