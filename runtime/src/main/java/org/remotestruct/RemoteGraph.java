package org.remotestruct;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import org.remotestruct.internal.ImageCookie;
import org.remotestruct.internal.ProcessImages;
import org.remotestruct.internal.ScatterRead;

/**
 * A graph of structs read from another process by following typed pointers
 * ({@code @Field(type = CType.POINTER, to = Node.class)}) breadth-first from some roots: one
 * {@code process_vm_readv} per level, whatever the number and types of the structs in it.
 *
 * <p>Level 0 holds the roots; level {@code d + 1} every struct that a non-NULL typed pointer of a
 * struct of level {@code d} points to and that no earlier level holds. So NULL ends a branch, a
 * node shared by two parents or reached again through a cycle is read once, and the read stops
 * after {@code maxDepth} levels past the roots or at {@code maxObjects} structs (see
 * {@link #truncated()}). A struct is identified by its address and C type.
 *
 * <p>A dangling pointer (to memory no longer mapped) fails that struct alone: its
 * {@link #status} is {@link Status#DANGLING}, {@link #get} throws its {@link BadAddressException},
 * and it has no children. Reading a level with {@code k} dangling pointers takes up to {@code k}
 * extra calls (see {@code docs/pointers.md}). Every call carries the image cookie, so a process
 * that exec'd or a reused pid fails the whole read with {@link ProcessChangedException}.
 *
 * <p>The result is immutable: {@link #get(RemotePointer)} decodes a struct from the bytes already
 * read, and the pointers in the decoded records lead to other structs of the graph, with no
 * further syscall. Safe to share between threads once built.
 */
public final class RemoteGraph {

    /** What the graph knows about a pointer. */
    public enum Status {
        /** Read whole: {@link #get} returns it. */
        READ,
        /** The pointer is NULL. */
        NULL,
        /** Nothing (or not all of the struct) is mapped where it points; {@link #get} throws why. */
        DANGLING,
        /** Not read: beyond the depth limit or the object cap, or not reachable from the roots. */
        NOT_READ
    }

    /**
     * One level of the read.
     *
     * @param depth 0 for the roots
     * @param objects structs the level read (or tried to)
     * @param dangling of those, how many could not be read
     * @param syscalls {@code process_vm_readv} calls the level made: 1, plus one per dangling
     *     pointer that cut a call short, plus one per further {@code IOV_MAX} structs
     */
    public record Level(int depth, int objects, int dangling, int syscalls) {
    }

    /** One struct of the graph: its bytes, or its failure. */
    private static final class Node {
        final RemotePointer<?> pointer;
        final ByteBuffer data;
        final int offset;
        final RemoteAccessException error;
        /** Decoded on the first get(); records are immutable, so a racy second decode is harmless. */
        Record decoded;

        Node(RemotePointer<?> pointer, ByteBuffer data, int offset, RemoteAccessException error) {
            this.pointer = pointer;
            this.data = data;
            this.offset = offset;
            this.error = error;
        }
    }

    private final RemoteProcess process;
    private final List<RemotePointer<?>> roots;
    private final Map<RemotePointer<?>, Node> nodes;
    private final List<Level> levels;
    private final boolean truncated;

    private RemoteGraph(RemoteProcess process, List<RemotePointer<?>> roots, Map<RemotePointer<?>, Node> nodes,
            List<Level> levels, boolean truncated) {
        this.process = process;
        this.roots = List.copyOf(roots);
        this.nodes = Collections.unmodifiableMap(nodes);
        this.levels = List.copyOf(levels);
        this.truncated = truncated;
    }

    /**
     * Reads the graph reachable from {@code roots} in {@code process}: the roots with one syscall,
     * then each further level with one more, up to {@code maxDepth} levels past the roots and
     * {@code maxObjects} structs in all. NULL roots are skipped.
     *
     * @throws IllegalArgumentException if {@code maxDepth} is negative or {@code maxObjects} is below 1,
     *     or the graph reaches a sequenced struct ({@link StructLayout#sequence()}): a graph read does
     *     not take seqlock snapshots, so it refuses rather than return one torn (read such a struct
     *     through its pointer, {@link RemotePointer#read}, which does), before the level that would read it
     * @throws ProcessChangedException if the process is no longer the one attached to
     * @throws RemoteAccessException if a whole call fails (process gone, permission denied); a
     *     dangling pointer fails only its struct
     */
    public static RemoteGraph read(RemoteProcess process, int maxDepth, int maxObjects,
            List<? extends RemotePointer<?>> roots) {
        if (maxDepth < 0 || maxObjects < 1) {
            throw new IllegalArgumentException("graph read of " + process + ": maxDepth must be >= 0 and maxObjects"
                    + " >= 1, were " + maxDepth + " and " + maxObjects);
        }
        return new GraphWalk(process.pid(), ProcessImages.cookieOf(process), maxDepth, maxObjects)
                .walk(process, List.copyOf(roots));
    }

    /** As {@link #read(RemoteProcess, int, int, List)} from one root. */
    public static RemoteGraph read(RemoteProcess process, int maxDepth, int maxObjects, RemotePointer<?> root) {
        return read(process, maxDepth, maxObjects, List.of(root));
    }

    /** Breadth-first reader of one graph. */
    private static final class GraphWalk {
        private final int pid;
        private final ImageCookie cookie;
        private final int maxDepth;
        private final int maxObjects;
        private final Map<RemotePointer<?>, Node> nodes = new LinkedHashMap<>();
        private final List<Level> levels = new ArrayList<>();
        /** Pointee type of each (struct, field), resolved once per read. */
        private final Map<String, StructType<?>> pointees = new HashMap<>();
        private boolean truncated;

        GraphWalk(int pid, ImageCookie cookie, int maxDepth, int maxObjects) {
            this.pid = pid;
            this.cookie = cookie;
            this.maxDepth = maxDepth;
            this.maxObjects = maxObjects;
        }

        RemoteGraph walk(RemoteProcess process, List<RemotePointer<?>> roots) {
            Set<RemotePointer<?>> distinct = new LinkedHashSet<>();
            for (RemotePointer<?> root : roots) {
                if (!root.isNull()) {
                    distinct.add(root);
                }
            }
            List<RemotePointer<?>> level = new ArrayList<>(distinct);
            for (int depth = 0; !level.isEmpty(); depth++) {
                int room = maxObjects - nodes.size();
                if (level.size() > room) {
                    level = level.subList(0, room);
                    truncated = true;
                }
                List<RemotePointer<?>> next = readLevel(depth, level);
                if (depth == maxDepth && !next.isEmpty()) {
                    truncated = true;
                    break;
                }
                if (nodes.size() == maxObjects && !next.isEmpty()) {
                    truncated = true;
                    break;
                }
                level = next;
            }
            return new RemoteGraph(process, roots, nodes, levels, truncated);
        }

        /** Reads {@code level} with one scatter read; returns the pointees not read yet, in discovery order. */
        private List<RemotePointer<?>> readLevel(int depth, List<RemotePointer<?>> level) {
            List<ScatterRead.Item> items = new ArrayList<>(level.size());
            for (RemotePointer<?> p : level) {
                requireUnsequenced(p);
                items.add(new ScatterRead.Item(p.type().layout(), p.address()));
            }
            ScatterRead.Result r = ScatterRead.read(pid, cookie, items);
            ByteBuffer data = r.data();
            int dangling = 0;
            List<RemotePointer<?>> next = new ArrayList<>();
            Set<RemotePointer<?>> queued = new HashSet<>(level);
            for (int i = 0; i < level.size(); i++) {
                RemoteAccessException error = r.errors()[i];
                RemotePointer<?> p = level.get(i);
                nodes.put(p, new Node(p, data, r.offsets()[i], error));
                if (error != null) {
                    dangling++;
                    continue;
                }
                for (RemotePointer<?> child : children(p.type(), data, r.offsets()[i])) {
                    if (!nodes.containsKey(child) && queued.add(child)) {
                        next.add(child);
                    }
                }
            }
            levels.add(new Level(depth, level.size(), dangling, r.calls()));
            return next;
        }

        /** Refuses a struct whose writer follows the seqlock protocol: a plain copy of it could be torn. */
        private void requireUnsequenced(RemotePointer<?> p) {
            StructLayout layout = p.type().layout();
            if (layout.sequence() != null) {
                throw new IllegalArgumentException("graph read of pid " + pid + " reached struct " + layout.name()
                        + " at 0x" + Long.toHexString(p.address()) + ", which is sequenced on '"
                        + layout.sequence().name() + "': graph reads do not take consistent snapshots yet; read it"
                        + " through its pointer (RemotePointer.read), which does, or stop the graph before it");
            }
        }

        /** The non-NULL typed pointers of the struct of {@code type} at {@code offset} of {@code data}. */
        private List<RemotePointer<?>> children(StructType<?> type, ByteBuffer data, int offset) {
            List<RemotePointer<?>> out = new ArrayList<>();
            for (FieldLayout f : type.layout().fields()) {
                if (!f.isTypedPointer()) {
                    continue;
                }
                StructType<?> to = pointees.computeIfAbsent(type.name() + "." + f.name(), k -> type.pointee(f.name()));
                for (int k = 0; k < f.length(); k++) {
                    long address = data.getLong(offset + f.offset() + k * Long.BYTES);
                    if (address != 0) {
                        out.add(RemotePointer.of(address, to));
                    }
                }
            }
            return out;
        }
    }

    /** The process the graph was read from. */
    public RemoteProcess process() {
        return process;
    }

    /** The roots, as given (NULL roots included). */
    public List<RemotePointer<?>> roots() {
        return roots;
    }

    /** What the graph knows about {@code pointer}. */
    public Status status(RemotePointer<?> pointer) {
        if (pointer.isNull()) {
            return Status.NULL;
        }
        Node n = nodes.get(pointer);
        return n == null ? Status.NOT_READ : n.error == null ? Status.READ : Status.DANGLING;
    }

    /**
     * The struct {@code pointer} points to, decoded from the bytes read; no syscall.
     *
     * @throws NullPointerException if {@code pointer} is NULL
     * @throws BadAddressException (the struct's own) if the pointer dangles
     * @throws NoSuchElementException if the graph did not read it (depth limit, object cap, or not
     *     reachable from the roots)
     */
    @SuppressWarnings("unchecked")
    public <R extends Record> R get(RemotePointer<R> pointer) {
        Node n = readNode(pointer);
        if (pointer.type() != n.pointer.type()) {
            return pointer.type().decode(n.data, n.offset); // same C type, another Java mirror: not cached
        }
        Record r = n.decoded;
        if (r == null) {
            r = pointer.type().decode(n.data, n.offset);
            n.decoded = r;
        }
        return (R) r;
    }

    /**
     * The struct {@code pointer} points to as field name → value ({@link StructType#decodeToMap}),
     * for tools that know the type only at run time; no syscall.
     *
     * @throws NullPointerException if {@code pointer} is NULL
     * @throws BadAddressException (the struct's own) if the pointer dangles
     * @throws NoSuchElementException if the graph did not read it
     */
    public Map<String, Object> getToMap(RemotePointer<?> pointer) {
        Node n = readNode(pointer);
        return pointer.type().decodeToMap(n.data, n.offset);
    }

    /** The node of a struct read whole, or the exception {@link #get} documents. */
    private Node readNode(RemotePointer<?> pointer) {
        if (pointer.isNull()) {
            throw new NullPointerException("NULL pointer to struct " + pointer.type().name()
                    + ": a NULL ends a branch of the graph; check isNull() first");
        }
        Node n = node(pointer);
        if (n.error != null) {
            throw n.error;
        }
        return n;
    }

    /** The failure of a dangling pointer, or empty if {@code pointer} was read whole, is NULL or was not read. */
    public Optional<RemoteAccessException> error(RemotePointer<?> pointer) {
        Node n = pointer.isNull() ? null : nodes.get(pointer);
        return n == null ? Optional.empty() : Optional.ofNullable(n.error);
    }

    /** Every pointer the graph followed (read or dangling), level by level in discovery order. */
    public List<RemotePointer<?>> pointers() {
        return List.copyOf(nodes.keySet());
    }

    /** Structs read or tried: {@link #pointers()}{@code .size()}. */
    public int size() {
        return nodes.size();
    }

    /** The levels read, roots first, with their syscall counts. */
    public List<Level> levels() {
        return levels;
    }

    /** {@code process_vm_readv} calls the whole read made. */
    public int syscalls() {
        return levels.stream().mapToInt(Level::syscalls).sum();
    }

    /**
     * Whether the depth limit or the object cap left non-NULL pointers unread: then some pointer of
     * a read struct has {@link Status#NOT_READ}.
     */
    public boolean truncated() {
        return truncated;
    }

    private Node node(RemotePointer<?> pointer) {
        Node n = nodes.get(pointer);
        if (n == null) {
            throw new NoSuchElementException(pointer + " was not read by this graph of " + process + " ("
                    + levels.size() + " levels, " + nodes.size() + " structs" + (truncated ? ", truncated" : "")
                    + "): it lies past the depth limit or the object cap, or is not reachable from the roots;"
                    + " read a graph from it, or raise the limits");
        }
        return n;
    }

    @Override
    public String toString() {
        return "RemoteGraph of " + nodes.size() + " structs in " + levels.size() + " levels from " + process
                + (truncated ? " (truncated)" : "");
    }
}
