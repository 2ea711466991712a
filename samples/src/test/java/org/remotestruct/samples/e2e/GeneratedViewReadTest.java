package org.remotestruct.samples.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.remotestruct.samples.e2e.KnownValues.assertSameFields;
import static org.remotestruct.samples.e2e.KnownValues.shown;
import static org.remotestruct.samples.e2e.Syscalls.inOneRead;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remotestruct.BulkRead;
import org.remotestruct.PartialTransferException;
import org.remotestruct.ReadBatch;
import org.remotestruct.RemoteProcess;
import org.remotestruct.SyscallCounts;

/**
 * Generated views read a real C process built against the generated header: every C type with its
 * edge values, nested structs and arrays of structs, bit for bit, one syscall per read.
 */
class GeneratedViewReadTest {

    @TempDir
    static Path registryDir;

    private static E2eTarget target;
    private static RemoteProcess process;
    private static AllTypes expected;
    private static AllTypesRemoteView view;

    @BeforeAll
    static void startTarget() {
        target = E2eTarget.start(registryDir);
        process = RemoteProcess.attach(target.pid());
        // opens and proves /proc/<pid>/mem now, so the counts below see each single read's own syscall
        process.readTransport();
        expected = KnownValues.all(target.vecsAddress());
        view = AllTypesRemoteView.at(process, target.allAddress());
    }

    @AfterAll
    static void stopTarget() {
        target.close();
    }

    @Test
    void targetPrintsTheValuesThisTestExpects() {
        assertSameFields(shown(expected), target.show());
    }

    @Test
    void readDecodesEveryFieldBitForBitWithOneSyscall() {
        AllTypes read = inOneRead(view::read);

        assertSameFields(shown(expected), shown(read));
        assertEquals(-100, read.i8());
        assertEquals(255, read.u8AsShort());
        assertEquals(2_147_483_649L, read.u32());
        assertEquals("18364758544493064720", Long.toUnsignedString(read.u64()));
        assertEquals(0x7fc0_0123, Float.floatToRawIntBits(read.fNan()));
        assertEquals(0x8000_0000, Float.floatToRawIntBits(read.fNegZero()));
        assertEquals(0x8000_0000_0000_0000L, Double.doubleToRawLongBits(read.dNegZero()));
        assertTrue(Double.isNaN(read.dNan()));
        assertEquals("ABCDEFGH", read.name(), "char[8] full length without NUL");
        assertEquals(KnownValues.TEXT, read.text(), "non-ASCII UTF-8");
        assertEquals(target.vecsAddress(), read.vecsPtr());
        assertEquals(new Vec3(1.5f, -2.25f, 1e30f), read.pos());
        assertEquals(expected.path(), read.path());
    }

    @Test
    void readOfEachFieldAloneMakesOneSyscallAndDecodesTheSameValue() {
        AllTypesRemoteView v = view;
        AllTypes fieldByField = new AllTypes(one(v::readI8), one(v::readU8AsShort), one(v::readU8AsInt),
                one(v::readFlag), one(v::readI16), one(v::readU16), one(v::readI32), one(v::readU32),
                one(v::readI64), one(v::readU64), one(v::readFNan), one(v::readFNegZero), one(v::readDNegZero),
                one(v::readDNan), one(v::readName), one(v::readText), one(v::readRawChars), one(v::readVecsPtr),
                one(v::readBools), one(v::readI8s), one(v::readU8s), one(v::readU8Ints), one(v::readI16s),
                one(v::readU16s), one(v::readI32s), one(v::readU32s), one(v::readI64s), one(v::readU64s),
                one(v::readFloats), one(v::readDoubles), one(v::readPos), one(v::readPath), one(v::readTail));

        assertSameFields(shown(expected), shown(fieldByField));
    }

    private static <T> T one(Supplier<T> read) {
        return inOneRead(read);
    }

    @Test
    void readArrayDecodesConsecutiveStructsWithOneSyscall() {
        List<Vec3> vecs = inOneRead(() -> Vec3RemoteView.readArray(process, target.vecsAddress(), 4));
        List<AllTypes> alls = inOneRead(() -> AllTypesRemoteView.readArray(process, target.allAddress(), 1));

        assertEquals(KnownValues.vecs(), vecs);
        assertSameFields(shown(expected), shown(alls.get(0)));
    }

    @Test
    void readBatchOfSeveralViewsAndAnArrayMakesOneSyscall() {
        long vecs = target.vecsAddress();
        ReadBatch batch = process.newReadBatch();
        Supplier<AllTypes> all = batch.add(view);
        Supplier<Vec3> second = batch.add(Vec3RemoteView.at(process, vecs + Vec3RemoteView.SIZE));
        Supplier<Vec3> pos = batch.add(Vec3RemoteView.at(process, target.allAddress() + AllTypesRemoteView.POS_OFFSET));
        Supplier<List<Vec3>> array = batch.addArray(Vec3RemoteView.TYPE, vecs, 4);

        long before = SyscallCounts.reads();
        batch.execute();
        assertEquals(1, SyscallCounts.reads() - before, "process_vm_readv calls");

        assertSameFields(shown(expected), shown(all.get()));
        assertEquals(KnownValues.vecs().get(1), second.get());
        assertEquals(expected.pos(), pos.get());
        assertEquals(KnownValues.vecs(), array.get());
    }

    @Test
    void bulkReadOfScatteredStructsDecodesWhatSingleReadsDoInOneSyscall() {
        long vecs = target.vecsAddress();
        long[] at = {vecs + 3 * Vec3RemoteView.SIZE, vecs, target.allAddress() + AllTypesRemoteView.POS_OFFSET,
                vecs + Vec3RemoteView.SIZE};
        ReadBatch batch = process.newReadBatch();
        BulkRead<Vec3> points = batch.addAll(Vec3RemoteView.TYPE, at);
        BulkRead<AllTypes> alls = batch.addAll(AllTypesRemoteView.TYPE, new long[] {target.allAddress(),
                target.allAddress()});

        long before = SyscallCounts.reads();
        batch.execute();
        assertEquals(1, SyscallCounts.reads() - before, "process_vm_readv calls");

        List<Vec3> single = new ArrayList<>();
        for (long address : at) {
            single.add(Vec3RemoteView.at(process, address).read());
        }
        assertEquals(List.of(KnownValues.vecs().get(3), KnownValues.vecs().get(0), expected.pos(),
                KnownValues.vecs().get(1)), single);
        assertEquals(single, points.toList());
        AllTypes[] out = new AllTypes[2];
        assertEquals(2, alls.decodeInto(out));
        for (AllTypes a : out) {
            assertSameFields(shown(view.read()), shown(a));
        }
        assertSameFields(shown(expected), shown(alls.get(1)));
    }

    @Test
    void bulkReadCutByAnUnmappedPageKeepsTheStructsBeforeItAndNamesTheFieldAtTheEdge() {
        long edge = target.placeAtPageEdge(AllTypesRemoteView.TEXT_OFFSET + 2);
        long all = target.allAddress();
        ReadBatch batch = process.newReadBatch();
        BulkRead<AllTypes> alls = batch.addAll(AllTypesRemoteView.TYPE, new long[] {all, all, edge, all});

        PartialTransferException e = assertThrows(PartialTransferException.class, batch::execute);

        String label = "e2e_all_types@0x" + Long.toHexString(edge);
        assertEquals(label + ".text", e.field());
        assertEquals(2, alls.readCount());
        assertSameFields(shown(expected), shown(alls.get(0)));
        assertSameFields(shown(expected), shown(alls.get(1)));
        for (int i : new int[] {2, 3}) {
            IllegalStateException notRead = assertThrows(IllegalStateException.class, () -> alls.get(i));
            assertSame(e, notRead.getCause());
            assertTrue(notRead.getCause().getMessage().contains(label + ".text"), notRead.getCause().getMessage());
        }
        assertSame(e, assertThrows(IllegalStateException.class, alls::toList).getCause());
    }
}
