package lsmdb.core.iterator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import lsmdb.core.format.InternalKey;
import org.junit.jupiter.api.Test;

class LevelIteratorTest {

    /** A level of files over consecutive chunks of a sorted pool, recording every iterator it opens. */
    private static final class Level {
        final List<List<byte[]>> fileKeys = new ArrayList<>();
        final List<List<byte[]>> fileValues = new ArrayList<>();
        final List<byte[]> smallest = new ArrayList<>();
        final List<byte[]> largest = new ArrayList<>();
        final List<byte[]> allKeys = new ArrayList<>();
        final List<byte[]> allValues = new ArrayList<>();
        final List<SortedListIterator> opened = new ArrayList<>();
        final List<Integer> openedIndexes = new ArrayList<>();

        Level(Random rnd, int entries) {
            TreeSet<byte[]> pool = new TreeSet<>(InternalKey.ORDER);
            while (pool.size() < entries) {
                pool.add(MergingIteratorTest.randomInternalKey(rnd));
            }
            List<byte[]> sorted = new ArrayList<>(pool);
            int i = 0;
            while (i < sorted.size()) {
                int n = 1 + rnd.nextInt(30);
                List<byte[]> keys = new ArrayList<>(sorted.subList(i, Math.min(sorted.size(), i + n)));
                List<byte[]> values = new ArrayList<>();
                for (byte[] k : keys) {
                    byte[] v = new byte[] {(byte) fileKeys.size()};
                    values.add(v);
                    allKeys.add(k);
                    allValues.add(v);
                }
                fileKeys.add(keys);
                fileValues.add(values);
                smallest.add(keys.get(0));
                largest.add(keys.get(keys.size() - 1));
                i += n;
            }
        }

        LevelIterator iterator() {
            return new LevelIterator(smallest, largest, index -> {
                SortedListIterator it = new SortedListIterator(fileKeys.get(index), fileValues.get(index));
                opened.add(it);
                openedIndexes.add(index);
                return it;
            });
        }

        long openCount() {
            return opened.stream().filter(it -> it.closes == 0).count();
        }
    }

    @Test
    void walksLikeTheConcatenationOfItsFiles() {
        Random rnd = new Random(17);
        for (int round = 0; round < 30; round++) {
            Level level = new Level(rnd, rnd.nextInt(500));
            LevelIterator it = level.iterator();
            MergingIteratorTest.randomWalk(it, level.allKeys, level.allValues, rnd, 3000);
            assertTrue(level.openCount() <= 1, "at most one file open at a time, had " + level.openCount());
            it.close();
            assertEquals(0, level.openCount());
            level.opened.forEach(f -> assertTrue(f.closes == 1, "each file iterator closed exactly once"));
        }
    }

    /**
     * Told that no seek targets a file before {@code first} (a range's first file), seeks land where a level told
     * nothing lands, whether the target is in file {@code first} (looked at first) or further on (searched), and open
     * only the file they land in.
     */
    @Test
    void seeksFromAKnownFirstFileLandWhereAFullSearchLands() {
        Random rnd = new Random(23);
        for (int round = 0; round < 40; round++) {
            Level level = new Level(rnd, 1 + rnd.nextInt(400));
            int files = level.largest.size();
            int first = rnd.nextInt(files);
            byte[][] largest = level.largest.toArray(new byte[0][]);
            List<Integer> opened = new ArrayList<>();
            LevelIterator hinted = new LevelIterator(largest, first, index -> {
                opened.add(index);
                return new SortedListIterator(level.fileKeys.get(index), level.fileValues.get(index));
            });
            LevelIterator plain = level.iterator();
            for (int i = 0; i < 200; i++) {
                byte[] target = rnd.nextBoolean() ? MergingIteratorTest.randomInternalKey(rnd)
                        : level.allKeys.get(rnd.nextInt(level.allKeys.size()));
                if (first > 0 && InternalKey.compare(target, level.largest.get(first - 1)) <= 0) {
                    continue; // outside the promise
                }
                opened.clear();
                hinted.seek(target);
                plain.seek(target);
                assertEquals(plain.isValid(), hinted.isValid(), "round " + round + ", seek " + i);
                if (plain.isValid()) {
                    assertSame(plain.key(), hinted.key(), "round " + round + ", seek " + i);
                    assertTrue(opened.size() <= 1, "opened " + opened);
                    hinted.next();
                    plain.next();
                    assertEquals(plain.isValid(), hinted.isValid());
                    if (plain.isValid()) {
                        assertSame(plain.key(), hinted.key());
                    }
                }
            }
            hinted.close();
            plain.close();
        }
    }

    @Test
    void opensFilesLazily() {
        Level level = new Level(new Random(4), 300);
        LevelIterator it = level.iterator();
        assertTrue(level.opened.isEmpty());
        int target = level.fileKeys.size() / 2;
        it.seek(level.smallest.get(target));
        assertTrue(it.isValid());
        assertSame(level.fileKeys.get(target).get(0), it.key());
        assertEquals(List.of(target), level.openedIndexes);
        it.seek(level.largest.get(target));
        assertEquals(List.of(target), level.openedIndexes, "seeking within the open file reuses it");
    }

    @Test
    void seekPastLastFileIsInvalidAndClosesFiles() {
        Level level = new Level(new Random(5), 100);
        LevelIterator it = level.iterator();
        it.seekToFirst();
        byte[] last = level.largest.get(level.largest.size() - 1);
        byte[] beyond = InternalKey.encode(new byte[] {(byte) 0xff, (byte) 0xff}, 0, InternalKey.KIND_DELETE);
        assertTrue(InternalKey.compare(beyond, last) > 0);
        it.seek(beyond);
        assertFalse(it.isValid());
        assertEquals(0, level.openCount());
    }

    @Test
    void emptyLevel() {
        LevelIterator it = new LevelIterator(List.of(), List.of(), i -> {
            throw new AssertionError("no file to open");
        });
        it.seekToFirst();
        assertFalse(it.isValid());
        it.seekToLast();
        assertFalse(it.isValid());
        it.seek(InternalKey.forSeek(new byte[0], 1));
        assertFalse(it.isValid());
    }

    @Test
    void openErrorsPropagate() {
        UncheckedIOException failure = new UncheckedIOException(new IOException("cannot open 000012.sst"));
        LevelIterator it = new LevelIterator(List.of(InternalKey.forSeek(new byte[] {1}, 1)),
                List.of(InternalKey.forSeek(new byte[] {2}, 1)), i -> {
                    throw failure;
                });
        assertSame(failure, assertThrows(UncheckedIOException.class, it::seekToFirst));
    }

    @Test
    void mismatchedBoundsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new LevelIterator(List.of(new byte[8]), List.of(), i -> null));
    }
}
