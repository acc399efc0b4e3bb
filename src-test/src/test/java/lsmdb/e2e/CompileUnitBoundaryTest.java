package lsmdb.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Methods whose comments say they are kept above C2's FreqInlineSize (325 bytes of bytecode) so that a hot caller
 * never inlines them and each compiles as a unit of its own. Nothing else notices when an edit brings one under the
 * limit: C2 would silently inline it again and the short benchmark phases would pay for the larger units. This reads
 * the methods' code lengths from the class files.
 */
class CompileUnitBoundaryTest {

    /** HotSpot's default FreqInlineSize: a hot callee with more bytecode than this is not inlined. */
    private static final int FREQ_INLINE_SIZE = 325;

    @Test
    void methodsKeptOutOfTheirCallersStayAboveTheInliningLimit() throws IOException {
        String[][] kept = {
                {"lsmdb.core.version.Version", "valueAt"},
                {"lsmdb.core.version.Version", "getAll"},
                {"lsmdb.core.db.ReadPath", "getAll([[BIJ[[B[I[[B)V"},
                {"lsmdb.core.db.ReadPath", "gather"},
                {"lsmdb.core.sstable.Table", "gather"},
                {"lsmdb.sql.codec.RowCodec", "decodeColumn"},
                {"lsmdb.sql.session.SessionImpl", "writeLocked"},
                {"lsmdb.sql.session.SessionImpl",
                    "execute(Llsmdb/sql/Prepared;[Ljava/lang/Object;Llsmdb/sql/KeyRequest;)Llsmdb/sql/Result;"},
                {"lsmdb.sql.exec.Joins$IndexJoinCursor", "nextProbe"},
                {"lsmdb.core.compaction.KeptEntries", "skipDropped"},
        };
        for (String[] m : kept) {
            List<Integer> lengths = codeLengths(m[0], m[1]);
            assertEquals(1, lengths.size(), m[0] + "." + m[1] + ": expected one method of that name");
            assertTrue(lengths.get(0) > FREQ_INLINE_SIZE, m[0] + "." + m[1] + " has " + lengths.get(0)
                    + " bytes of bytecode, not over " + FREQ_INLINE_SIZE + ": C2 would inline it into its callers");
        }
    }

    @Test
    void theReaderFindsASmallMethodSmall() throws IOException {
        List<Integer> lengths = codeLengths(CompileUnitBoundaryTest.class.getName(), "tiny");
        assertEquals(1, lengths.size());
        assertTrue(lengths.get(0) < 10, "tiny() is " + lengths.get(0) + " bytes");
    }

    @SuppressWarnings("unused")
    private static int tiny() {
        return 1;
    }

    /**
     * The code length of every method of {@code className} named {@code method}: a name, or a name and its JVM
     * descriptor written together ({@code getAll([[BIJ[[B)V}) to pick one of several overloads.
     */
    private static List<Integer> codeLengths(String className, String method) throws IOException {
        String resource = "/" + className.replace('.', '/') + ".class";
        try (InputStream in = CompileUnitBoundaryTest.class.getResourceAsStream(resource)) {
            assertTrue(in != null, "no class file " + resource);
            DataInputStream d = new DataInputStream(in);
            assertEquals(0xCAFEBABE, d.readInt());
            d.readUnsignedShort(); // minor
            d.readUnsignedShort(); // major
            int count = d.readUnsignedShort();
            String[] utf8 = new String[count];
            for (int i = 1; i < count; i++) {
                int tag = d.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = d.readUTF();
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> d.skipNBytes(4);
                    case 5, 6 -> {
                        d.skipNBytes(8);
                        i++; // a long or double takes two slots
                    }
                    case 7, 8, 16, 19, 20 -> d.skipNBytes(2);
                    case 15 -> d.skipNBytes(3);
                    default -> throw new IOException("constant pool tag " + tag + " in " + resource);
                }
            }
            d.skipNBytes(6); // access flags, this class, super class
            d.skipNBytes(2L * d.readUnsignedShort()); // interfaces
            skipMembers(d);
            List<Integer> lengths = new ArrayList<>();
            int methods = d.readUnsignedShort();
            for (int i = 0; i < methods; i++) {
                d.skipNBytes(2); // access flags
                String name = utf8[d.readUnsignedShort()];
                String descriptor = utf8[d.readUnsignedShort()];
                boolean wanted = method.equals(name) || method.equals(name + descriptor);
                int attributes = d.readUnsignedShort();
                for (int a = 0; a < attributes; a++) {
                    String attribute = utf8[d.readUnsignedShort()];
                    int length = d.readInt();
                    if (attribute.equals("Code") && wanted) {
                        d.skipNBytes(4); // max stack, max locals
                        lengths.add(d.readInt());
                        d.skipNBytes(length - 8);
                    } else {
                        d.skipNBytes(length);
                    }
                }
            }
            return lengths;
        }
    }

    /** Skips the fields table. */
    private static void skipMembers(DataInputStream d) throws IOException {
        int n = d.readUnsignedShort();
        for (int i = 0; i < n; i++) {
            d.skipNBytes(6);
            int attributes = d.readUnsignedShort();
            for (int a = 0; a < attributes; a++) {
                d.skipNBytes(2);
                d.skipNBytes(d.readInt() & 0xffffffffL);
            }
        }
    }
}
