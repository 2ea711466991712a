package org.remotestruct.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.remotestruct.RemoteAccessException;
import org.remotestruct.RemoteProcess;
import org.remotestruct.SnapshotRetry;
import org.remotestruct.StructLayout;

/**
 * The seqlock side of a read batch: plans its sequenced structs (a view, or every element of an
 * array) as {@code [seq][body][seq]} ({@link Snapshots}), and after each read checks them and
 * reads again <em>only the structs that were caught mid-update</em>, all of them in one
 * {@code process_vm_readv} per retry round, until they are consistent or the {@link SnapshotRetry}
 * runs out. A struct that stays unstable fails alone: its item throws its
 * {@link org.remotestruct.UnstableReadException}, the others are delivered. Counts retried and
 * unstable structs across executes, for metrics. Not thread-safe, like its batch.
 */
public final class BatchSnapshots {

    /** One sequenced struct of the batch: element {@code element} of {@code target}, whose bytes start at {@code data}. */
    private record Unit(TransferTarget target, StructLayout layout, long address, int element, int data) {
    }

    private final int pid;
    private final ImageCookie cookie;
    private final NativeBlock cookieSlot = new NativeBlock(ImageCookie.LENGTH);
    private final List<Unit> units = new ArrayList<>();
    /** Items that failed the last read, and why; by identity, as one view may be added twice. */
    private final Map<TransferTarget, RemoteAccessException> failed = new IdentityHashMap<>();
    private long retries;
    private long unstable;

    private BatchSnapshots(int pid, ImageCookie cookie) {
        this.pid = pid;
        this.cookie = cookie;
    }

    /**
     * The entry of an item reading {@code spans} of {@code target} into {@code size} local bytes: a
     * seqlock read of each struct if the target is a whole sequenced struct or an array of them,
     * else the plain entry.
     */
    public static BatchPlan.Entry entry(TransferTarget target, List<StructLayout.Span> spans, int size) {
        StructLayout layout = sequencedLayout(target);
        if (layout == null) {
            return new BatchPlan.Entry(target, spans, size);
        }
        Snapshots.requireSoundCpu(layout);
        int count = target instanceof TransferTarget.Array a ? a.count() : 1;
        return Snapshots.entry(target, layout, layout.spans(), count);
    }

    /**
     * Reads {@code count} consecutive sequenced structs of {@code layout} at {@code address} as
     * consistent snapshots, retrying the unstable ones as {@link SnapshotRetry#DEFAULT} allows, into
     * a new native-order buffer of exactly {@code count * layout.size()} bytes.
     *
     * @throws org.remotestruct.UnstableReadException if a struct stayed mid-update, naming it
     * @throws RemoteAccessException if a read fails
     */
    public static ByteBuffer readArray(RemoteProcess process, StructLayout layout, long address, int count) {
        TransferTarget target = TransferTarget.array(layout, address, count);
        BatchPlan plan = BatchPlan.forRead(List.of(entry(target, List.of(), 0)));
        ImageCookie cookie = ProcessImages.cookieOf(process);
        BatchSnapshots snapshots = of(process.pid(), cookie, plan, null);
        NativeBlock data = new NativeBlock(plan.dataBytes());
        NativeBlock iovecs = new NativeBlock(Transfer.iovecBytes(Transfer.iovecCount(plan, true)));
        Transfer.read(process.pid(), cookie, snapshots.cookieSlot, plan, data.address(), iovecs, 0).read();
        snapshots.settle(data.buffer(), SnapshotRetry.DEFAULT);
        snapshots.requireConsistent(target);
        return data.buffer().slice(0, count * layout.size()).order(ByteOrder.nativeOrder());
    }

    /** The layout of a whole sequenced struct or array of them, else {@code null}. */
    private static StructLayout sequencedLayout(TransferTarget target) {
        StructLayout layout = target instanceof TransferTarget.Struct s && s.order().length == s.layout().fields().size()
                ? s.layout() : target instanceof TransferTarget.Array a ? a.layout() : null;
        return layout == null || layout.sequence() == null ? null : layout;
    }

    /** The snapshots of {@code plan} (its entries made by {@link #entry}), carrying on the counts of {@code previous}. */
    public static BatchSnapshots of(int pid, ImageCookie cookie, BatchPlan plan, BatchSnapshots previous) {
        BatchSnapshots s = new BatchSnapshots(pid, cookie);
        if (previous != null) {
            s.retries = previous.retries;
            s.unstable = previous.unstable;
        }
        List<TransferTarget> targets = plan.targets();
        for (int k = 0; k < targets.size(); k++) {
            TransferTarget t = targets.get(k);
            StructLayout layout = sequencedLayout(t);
            int count = t instanceof TransferTarget.Array a ? a.count() : 1;
            for (int i = 0; layout != null && i < count; i++) {
                s.units.add(new Unit(t, layout, t.address() + (long) i * layout.size(), i, plan.dataOffsets()[k]));
            }
        }
        return s;
    }

    /**
     * Checks every sequenced struct of the read just made into {@code data}, and reads the unstable
     * ones again as {@code retry} allows, each consistent copy into its place in {@code data}.
     *
     * @throws RemoteAccessException if a retry read fails; the structs it was retrying fail with it
     */
    public void settle(ByteBuffer data, SnapshotRetry retry) {
        failed.clear();
        List<Unit> pending = new ArrayList<>();
        for (Unit u : units) {
            if (!Snapshots.stable(data, u.data(), u.layout(), count(u), u.element())) {
                pending.add(u);
            }
        }
        long start = System.nanoTime();
        for (int tries = 1; !pending.isEmpty(); tries++) {
            if (tries >= retry.tries()) {
                long nanos = System.nanoTime() - start;
                for (Unit u : pending) {
                    failed.put(u.target(), Snapshots.unstable(pid, u.layout(), u.address(), tries, nanos));
                }
                unstable += pending.size();
                return;
            }
            retry.pause(tries);
            retries += pending.size();
            pending = retryRound(pending, data);
        }
    }

    /** Reads {@code pending} again in one call; copies the consistent ones into place and returns the rest. */
    private List<Unit> retryRound(List<Unit> pending, ByteBuffer data) {
        List<BatchPlan.Entry> entries = new ArrayList<>();
        for (Unit u : pending) {
            entries.add(Snapshots.entry(TransferTarget.struct(u.layout(), u.address()), u.layout(), u.layout().spans(), 1));
        }
        BatchPlan plan = BatchPlan.forRead(entries);
        NativeBlock scratch = new NativeBlock(Math.max(1, plan.dataBytes()));
        NativeBlock iovecs = new NativeBlock(Transfer.iovecBytes(Transfer.iovecCount(plan, true)));
        try {
            Transfer.read(pid, cookie, cookieSlot, plan, scratch.address(), iovecs, 0).read();
        } catch (RemoteAccessException e) {
            pending.forEach(u -> failed.put(u.target(), e));
            throw e;
        }
        ByteBuffer copy = scratch.buffer();
        List<Unit> still = new ArrayList<>();
        for (int j = 0; j < pending.size(); j++) {
            Unit u = pending.get(j);
            int from = plan.dataOffsets()[j];
            if (Snapshots.stable(copy, from, u.layout(), 1, 0)) {
                int size = u.layout().size();
                data.put(u.data() + u.element() * size, copy, from, size);
            } else {
                still.add(u);
            }
        }
        return still;
    }

    private static int count(Unit u) {
        return u.target() instanceof TransferTarget.Array a ? a.count() : 1;
    }

    /** Marks every sequenced item failed with {@code cause}: a read that failed checked none of them. */
    public void failAll(RemoteAccessException cause) {
        failed.clear();
        units.forEach(u -> failed.put(u.target(), cause));
    }

    /** Whether any sequenced struct has no consistent value from the last read. */
    public boolean anyFailed() {
        return !failed.isEmpty();
    }

    /**
     * Throws why item {@code target} has no consistent value from the last read, if it has none.
     *
     * @throws RemoteAccessException an {@link org.remotestruct.UnstableReadException} for a struct that
     *     stayed mid-update, or the failure of the read that was retrying it
     */
    public void requireConsistent(TransferTarget target) {
        RemoteAccessException e = failed.get(target);
        if (e != null) {
            throw e;
        }
    }

    /** Struct reads repeated because an earlier read caught them mid-update, over every execute. */
    public long retries() {
        return retries;
    }

    /** Structs given up as unstable, over every execute. */
    public long unstable() {
        return unstable;
    }
}
