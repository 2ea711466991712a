package org.remotestruct.benchmarks;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.remotestruct.RemoteGraph;
import org.remotestruct.RemotePointer;
import org.remotestruct.RemoteProcess;

/**
 * Reading the 3-level tree of 73 malloc'd {@code struct bnode} in {@code bench_target.c} (1 root,
 * 8 children, 64 grandchildren): a {@link RemoteGraph}, one {@code process_vm_readv} per level (3),
 * beside following the same pointers one struct at a time ({@link RemotePointer#read}, 73 calls).
 * Both visit every node and sum the ids, so they do the same decoding work.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class GraphReadBenchmark {

    /** Nodes of the tree: what both paths must visit. */
    static final int NODES = 1 + 8 + 64;

    private BenchTarget target;
    private RemoteProcess process;
    private RemotePointer<BNode> root;

    /** Starts the target and attaches to it. */
    @Setup
    public void setUp() {
        target = BenchTarget.start();
        process = RemoteProcess.attach(target.pid());
        root = RemotePointer.of(target.graph(), BNodeRemoteView.TYPE);
    }

    /** Stops the target. */
    @TearDown
    public void tearDown() {
        target.close();
    }

    /** The whole tree as a graph: 3 syscalls, then a walk of the decoded records. */
    @Benchmark
    public long graphOneSyscallPerLevel() {
        RemoteGraph graph = RemoteGraph.read(process, 2, NODES, root);
        return sumIds(graph, root);
    }

    /** The same tree by dereferencing each pointer on its own: 73 syscalls. */
    @Benchmark
    public long eachObjectSeparately() {
        long sum = 0;
        Deque<RemotePointer<BNode>> todo = new ArrayDeque<>();
        todo.add(root);
        while (!todo.isEmpty()) {
            BNode n = todo.poll().read(process);
            sum += n.id();
            for (RemotePointer<BNode> kid : n.kids()) {
                if (!kid.isNull()) {
                    todo.add(kid);
                }
            }
        }
        return sum;
    }

    /** Sum of the ids below {@code p}, walking the graph without syscalls. */
    static long sumIds(RemoteGraph graph, RemotePointer<BNode> p) {
        BNode n = graph.get(p);
        long sum = n.id();
        for (RemotePointer<BNode> kid : n.kids()) {
            if (!kid.isNull()) {
                sum += sumIds(graph, kid);
            }
        }
        return sum;
    }
}
