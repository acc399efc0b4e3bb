package lsmdb.core.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import lsmdb.core.format.DbFiles;
import lsmdb.core.io.FaultInjectingFileSystem;
import lsmdb.core.io.MemFileSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The current, previous and spare logs: which file each switch takes, and what is durable when. */
class LogManagerTest {

    private static final Path DIR = Path.of("/db");

    private final FaultInjectingFileSystem fs = new FaultInjectingFileSystem(new MemFileSystem());
    private final ReentrantLock mutex = new ReentrantLock();
    private final List<String> warnings = new ArrayList<>();
    private long nextNumber = 10;
    private LogManager logs;

    @BeforeEach
    void setUp() throws IOException {
        fs.createDirectories(DIR);
        fs.syncDirectory(DIR.getParent());
        logs = new LogManager(fs, DIR, mutex, () -> nextNumber++, warnings::add, 1 << 20, false);
        long first = nextNumber++;
        LogWriter w = new LogWriter(fs.create(DbFiles.log(DIR, first)));
        fs.syncDirectory(DIR);
        mutex.lock(); // every call is made under the database's mutex
        logs.start(w, first);
    }

    @AfterEach
    void tearDown() {
        mutex.unlock();
    }

    @Test
    void preallocatedSizeIsAQuarterBufferBetween64KiBAnd1MiBButNeverMoreThanABufferAndAQuarter() {
        assertEquals(1 << 20, LogManager.preallocatedSize(64L << 20));
        assertEquals(1 << 20, LogManager.preallocatedSize(4L << 20));
        assertEquals(256 << 10, LogManager.preallocatedSize(1L << 20));
        assertEquals(64 << 10, LogManager.preallocatedSize(64L << 10));
        assertEquals(40 << 10, LogManager.preallocatedSize(32L << 10));
    }

    @Test
    void aSwitchWithoutSpareCreatesTheNextNumberedLog() throws IOException {
        long before = logs.currentNumber();
        LogWriter old = logs.current();
        logs.switchToNext();
        assertEquals(11, logs.currentNumber());
        assertNotSame(old, logs.current());
        assertTrue(fs.exists(DbFiles.log(DIR, 11)));
        assertTrue(before < logs.currentNumber());
    }

    @Test
    void aSwitchTakesTheSpareAndItsNumber() throws IOException {
        assertTrue(logs.wantsSpare());
        logs.prepareSpare(() -> false);
        assertEquals(DbFiles.logName(11), logs.spareName());
        assertFalse(logs.wantsSpare());
        assertTrue(fs.exists(DbFiles.log(DIR, 11)), "the spare is made ahead of the switch");
        logs.switchToNext();
        assertEquals(11, logs.currentNumber());
        assertEquals("", logs.spareName());
        assertTrue(logs.wantsSpare());
    }

    @Test
    void aSpareMadeWhileClosingIsDeleted() {
        logs.prepareSpare(() -> true);
        assertEquals("", logs.spareName());
        assertFalse(fs.exists(DbFiles.log(DIR, 11)));
    }

    @Test
    void aFailedPreallocationIsNotTriedAgain() throws IOException {
        fs.setSpaceLimit(fs.usedSpace() + 1000);
        logs.prepareSpare(() -> false);
        assertEquals("", logs.spareName());
        assertFalse(logs.wantsSpare());
        assertEquals(1, warnings.size(), warnings.toString());
        assertFalse(fs.exists(DbFiles.log(DIR, 11)), "the partial file is removed");
    }

    @Test
    void theSwitchItselfSyncsNothingButMakeDurableSyncsThePreviousLogAndTheNewName() throws IOException {
        logs.current().addRecord(new byte[] {1, 2, 3});
        logs.current().flush();
        logs.switchToNext();
        logs.current().addRecord(new byte[] {4});
        fs.dropUnsyncedData(); // a power loss now: the old log's record and the new log's name were never synced
        assertEquals(0, fs.size(DbFiles.log(DIR, 10)));
        assertFalse(fs.exists(DbFiles.log(DIR, 11)));
    }

    @Test
    void makeDurableKeepsThePreviousLogAndTheNewLogsName() throws IOException {
        logs.current().addRecord(new byte[] {1, 2, 3});
        logs.current().flush();
        logs.switchToNext();
        logs.makeDurable();
        fs.dropUnsyncedData();
        assertTrue(fs.size(DbFiles.log(DIR, 10)) > 3, "the previous log's record survived");
        assertTrue(fs.exists(DbFiles.log(DIR, 11)), "the new log's name survived");
    }

    @Test
    void closeDiscardsTheSpareAndSyncsTheCurrentLog() throws IOException {
        logs.prepareSpare(() -> false);
        LogWriter current = logs.current();
        current.addRecord(new byte[] {7});
        logs.close();
        assertFalse(fs.exists(DbFiles.log(DIR, 11)));
        fs.dropUnsyncedData();
        assertTrue(fs.size(DbFiles.log(DIR, 10)) > 1);
        assertSame(current, logs.current());
    }
}
