package org.remotestruct.samples.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.remotestruct.BadAddressException;
import org.remotestruct.FieldLayout;
import org.remotestruct.PartialTransferException;
import org.remotestruct.ProcessChangedException;
import org.remotestruct.RemoteGraph;
import org.remotestruct.RemoteGraph.Level;
import org.remotestruct.RemoteGraph.Status;
import org.remotestruct.RemotePointer;
import org.remotestruct.RemoteProcess;
import org.remotestruct.RemoteString;
import org.remotestruct.StructView;
import org.remotestruct.SyscallCounts;

/**
 * Graph reads of graph_target's malloc'd lists, trees, cycles and dangling pointers: the decoded
 * graph, and the {@code process_vm_readv} calls each level makes, counted.
 */
class RemoteGraphTest {

    private static GraphTarget target;
    private static RemoteProcess process;

    @BeforeAll
    static void start() {
        target = GraphTarget.start();
        process = RemoteProcess.attach(target.pid());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        target.close();
    }

    private static RemotePointer<GNode> root(String name) {
        return RemotePointer.of(target.address(name), GNodeRemoteView.TYPE);
    }

    @Test
    void graphOfAProcessThatExecdFailsWholeWithProcessChanged() throws Exception {
        try (GraphTarget other = GraphTarget.start()) {
            RemoteProcess attached = RemoteProcess.attach(other.pid());
            RemotePointer<GNode> list = RemotePointer.of(other.address("list"), GNodeRemoteView.TYPE);
            assertEquals(4, RemoteGraph.read(attached, 10, 100, list).size());
            other.execSleep();
            assertThrows(ProcessChangedException.class, () -> RemoteGraph.read(attached, 10, 100, list));
        }
    }

    @Test
    void charPointerStringsReadUpToTheirNulEvenWhenTheMappingEndsRightAfterIt() {
        GNode first = root("list").read(process);
        assertEquals("node-1", first.name().read(process));
        assertEquals(32, first.name().maxLength());
        GNode second = first.next().read(process);
        assertTrue(second.name().isNull());
        assertThrows(NullPointerException.class, () -> second.name().read(process));
        GNode third = second.next().read(process);
        long before = SyscallCounts.reads();
        assertEquals("edge", third.name().read(process), "5 bytes before an unmapped page, read as 32");
        assertEquals(1, SyscallCounts.reads() - before);
        assertEquals(FieldLayout.STRING_POINTEE, GNodeRemoteView.LAYOUT.field("name").pointee());
        assertFalse(GNodeRemoteView.LAYOUT.field("name").isTypedPointer(), "graphs do not follow strings");
    }

    @Test
    void stringWithoutNulBeforeTheMappingEndsFails() {
        RemoteString past = RemoteString.of(target.address("unterminated"), 32, StandardCharsets.UTF_8);
        PartialTransferException e = assertThrows(PartialTransferException.class, () -> past.read(process));
        assertEquals(8, e.bytesTransferred(), "8 bytes of text, no NUL, then the mapping ends");
    }

    /** Reads the graph and checks that the calls it reports are the calls it made. */
    private static RemoteGraph read(int maxDepth, int maxObjects, RemotePointer<?> root) {
        long before = SyscallCounts.reads();
        RemoteGraph g = RemoteGraph.read(process, maxDepth, maxObjects, root);
        assertEquals(g.syscalls(), SyscallCounts.reads() - before, "syscalls the graph reports vs. made");
        return g;
    }

    private static List<Integer> ids(RemoteGraph g) {
        List<Integer> ids = new ArrayList<>();
        for (RemotePointer<?> p : g.pointers()) {
            if (g.status(p) == Status.READ) {
                ids.add(((GNode) g.get(p)).id());
            }
        }
        return ids;
    }

    @Test
    void linkedListIsReadWithOneSyscallPerLevelAndEndsAtNull() {
        RemoteGraph g = read(10, 100, root("list"));
        assertEquals(List.of(new Level(0, 1, 0, 1), new Level(1, 1, 0, 1), new Level(2, 1, 0, 1),
                new Level(3, 1, 0, 1)), g.levels());
        assertEquals(4, g.syscalls());
        assertFalse(g.truncated());
        long before = SyscallCounts.reads();
        List<Integer> walked = new ArrayList<>();
        for (RemotePointer<GNode> p = root("list"); !p.isNull(); p = g.get(p).next()) {
            walked.add(g.get(p).id());
            assertEquals(g.get(p).id() * 100, g.get(p).value());
        }
        assertEquals(List.of(1, 2, 3, 4), walked);
        assertEquals(before, SyscallCounts.reads(), "walking the graph by typed pointers reads nothing");
    }

    @Test
    void treeLevelMixesStructTypesAndReadsASharedNodeOnce() {
        RemoteGraph g = read(10, 100, root("tree"));
        // level 1: nodes 11 and 12 and the leaf of 10, two types in one call; level 2: node 13 once
        // (both 11 and 12 point to it); level 3: the leaf of 13
        assertEquals(List.of(new Level(0, 1, 0, 1), new Level(1, 3, 0, 1), new Level(2, 1, 0, 1),
                new Level(3, 1, 0, 1)), g.levels());
        GNode tree = g.get(root("tree"));
        assertEquals(1000L, g.get(tree.leaf()).tag());
        assertEquals(250.0, g.get(tree.leaf()).weight());
        GNode left = g.get(tree.kids().get(0));
        GNode right = g.get(tree.kids().get(1));
        assertEquals(List.of(11, 12), List.of(left.id(), right.id()));
        assertEquals(left.kids().get(0), right.kids().get(0), "both point to the shared node");
        assertSame(g.get(left.kids().get(0)), g.get(right.kids().get(0)), "one struct, decoded once");
        GNode shared = g.get(left.kids().get(0));
        assertEquals(13, shared.id());
        assertEquals(1300L, g.get(shared.leaf()).tag());
        assertTrue(left.kids().get(1).isNull());
        assertEquals(Status.NULL, g.status(left.kids().get(1)));
        assertEquals(6, g.size());
    }

    @Test
    void cycleIsReadOnceAndTheReadStops() {
        RemoteGraph g = read(100, 100, root("cycle"));
        assertEquals(3, g.levels().size());
        assertEquals(List.of(20, 21, 22), ids(g));
        GNode last = g.get(g.get(g.get(root("cycle")).next()).next());
        assertEquals(root("cycle"), last.next(), "the last node points back to the first");
        assertFalse(g.truncated());
    }

    @Test
    void danglingPointerFailsItsStructAloneAndTheRestOfItsLevelIsReadAfterIt() {
        RemoteGraph g = read(10, 100, root("dangling"));
        // level 1 in discovery order: next (32), kids[0] (31), kids[1] (unmapped): the call stops at
        // the unmapped one, which is last, so no second call; then nothing more
        assertEquals(List.of(new Level(0, 1, 0, 1), new Level(1, 3, 1, 1)), g.levels());
        RemotePointer<GNode> gone = RemotePointer.of(target.address("gone"), GNodeRemoteView.TYPE);
        assertEquals(Status.DANGLING, g.status(gone));
        BadAddressException e = assertThrows(BadAddressException.class, () -> g.get(gone));
        assertEquals(target.address("gone"), e.address());
        assertTrue(e.getMessage().contains("struct gnode (48 bytes at 0x" + Long.toHexString(target.address("gone"))),
                e.getMessage());
        assertEquals(List.of(30, 32, 31), ids(g));
        assertTrue(g.error(gone).isPresent());
    }

    @Test
    void danglingPointerInTheMiddleOfALevelCostsOneMoreCallForTheStructsAfterIt() {
        RemotePointer<GNode> gone = RemotePointer.of(target.address("gone"), GNodeRemoteView.TYPE);
        long before = SyscallCounts.reads();
        RemoteGraph g = RemoteGraph.read(process, 0, 100, List.of(root("list"), gone, root("tree"), root("cycle")));
        assertEquals(2, SyscallCounts.reads() - before);
        assertEquals(List.of(new Level(0, 4, 1, 2)), g.levels());
        assertEquals(List.of(1, 10, 20), ids(g));
        assertEquals(Status.DANGLING, g.status(gone));
    }

    @Test
    void depthLimitLeavesDeeperNodesUnreadAndSaysSo() {
        RemoteGraph g = read(1, 100, root("list"));
        assertEquals(2, g.levels().size());
        assertTrue(g.truncated());
        RemotePointer<GNode> third = g.get(g.get(root("list")).next()).next();
        assertEquals(Status.NOT_READ, g.status(third));
        NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> g.get(third));
        assertTrue(e.getMessage().contains("depth limit"), e.getMessage());
    }

    @Test
    void objectCapStopsTheReadInsideALevel() {
        RemoteGraph g = read(10, 3, root("tree"));
        assertEquals(3, g.size());
        assertTrue(g.truncated());
        assertEquals(List.of(new Level(0, 1, 0, 1), new Level(1, 2, 0, 1)), g.levels());
    }

    @Test
    void nullRootReadsNothing() {
        RemoteGraph g = read(5, 5, RemotePointer.nullOf(GNodeRemoteView.TYPE));
        assertEquals(0, g.size());
        assertEquals(0, g.syscalls());
        assertThrows(NullPointerException.class, () -> g.get(RemotePointer.nullOf(GNodeRemoteView.TYPE)));
    }

    @Test
    void pointerChainIsReadOneSyscallPerHop() {
        long before = SyscallCounts.reads();
        GNodeRemoteView second = GNodeRemoteView.at(process, target.address("list")).readNextView();
        GNodeRemoteView third = second.readNextView();
        GNodeRemoteView fourthView = third.readNextView();
        GNode fourth = fourthView.read();
        assertEquals(4, fourth.id());
        assertEquals(4, SyscallCounts.reads() - before, "three pointer hops and one struct read");
        NullPointerException e = assertThrows(NullPointerException.class, fourthView::readNextView);
        assertTrue(e.getMessage().contains("NULL pointer to struct gnode"), e.getMessage());
    }

    @Test
    void untypedStructViewFollowsTypedPointersByTypeName() {
        StructView<?> first = StructView.of(GNodeRemoteView.TYPE, process, target.address("tree"));
        StructView<?> leaf = first.follow("leaf");
        assertEquals("leaf", leaf.layout().name());
        assertEquals(1000L, leaf.readField("tag"));
        StructView<?> cycle = StructView.of(GNodeRemoteView.TYPE, process, target.address("cycle"));
        assertEquals(20, cycle.follow("next").follow("next").follow("next").readField("id"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> first.follow("value"));
        assertTrue(e.getMessage().contains("not a single typed pointer"), e.getMessage());
        StructView<?> last = StructView.of(GNodeRemoteView.TYPE, process, target.address("list"))
                .follow("next").follow("next").follow("next");
        assertThrows(NullPointerException.class, () -> last.follow("next"));
    }

    @Test
    void typedPointerDereferencesThroughTheGeneratedView() {
        GNode list = root("list").read(process);
        GNodeRemoteView next = list.next().view(process, GNodeRemoteView.TYPE);
        assertEquals(2, next.readId());
        assertEquals("gnode", GNodeRemoteView.LAYOUT.field("next").pointee());
        assertEquals("leaf", GNodeRemoteView.LAYOUT.field("leaf").pointee());
        assertSame(LeafRemoteView.TYPE, GNodeRemoteView.TYPE.pointee("leaf"));
    }
}
