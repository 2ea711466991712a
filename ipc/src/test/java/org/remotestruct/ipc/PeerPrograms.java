package org.remotestruct.ipc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code src/test/c/ipc_peer.c} compiled by the test (it runs as root) and installed the way an
 * attacker would find it: a plain copy for uid 65534 (nobody) to run, a setuid-root copy, a
 * setuid copy owned by another user ({@link #OTHER_UID}), and a copy that is not setuid. They live
 * in a directory only root and group 65534 can enter, with a socket directory beside them that
 * group 65534 may connect in, so nobody else on the machine can use the setuid copies.
 */
final class PeerPrograms implements AutoCloseable {

    /** The uid and gid the attacker runs as. */
    static final int NOBODY = 65534;
    /** The owner of the setuid-to-another-user copy (daemon: a uid that is neither root nor nobody). */
    static final int OTHER_UID = 1;
    /** The bytes {@code ipc_peer secret} holds: 31 characters and a NUL. */
    static final byte[] SECRET = "remotestruct-ipc-SECRET-0123456\0".getBytes(StandardCharsets.US_ASCII);

    private static final Path SOURCE = Path.of("src/test/c/ipc_peer.c");
    /** The runtime's helper that runs a program as root of a user namespace of a chosen owner. */
    private static final Path USERNS_AS_SOURCE = Path.of("../runtime/src/test/c/userns_as.c");
    private static final List<String> AS_NOBODY = List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
            "--clear-groups");

    final Path dir;
    /** Run by nobody: the attacker. */
    final Path peer;
    /** Owned by root, mode 4755. */
    final Path setuidRoot;
    /** Owned by {@link #OTHER_UID}, mode 4755. */
    final Path setuidOther;
    /** Owned by root, mode 0755: exec'd by nobody it runs as nobody, dumpable. */
    final Path plain;
    /** Where the receiver's socket goes: group {@link #NOBODY} may connect there. */
    final Path socketDir;
    /**
     * Run by root: {@code userns_as OWNER ROOT PROGRAM...} runs PROGRAM as root of a new user
     * namespace that OWNER created and whose root is ROOT outside.
     */
    final Path usernsAs;

    private PeerPrograms(Path dir) {
        this.dir = dir;
        this.peer = dir.resolve("ipc_peer");
        this.setuidRoot = dir.resolve("ipc_peer_setuid_root");
        this.setuidOther = dir.resolve("ipc_peer_setuid_other");
        this.plain = dir.resolve("ipc_peer_plain");
        this.socketDir = dir.resolve("sockets");
        this.usernsAs = dir.resolve("userns_as");
    }

    /** Compiles and installs the copies into a new directory under /tmp. */
    static PeerPrograms install() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("rs-ipc-peer"); // 0700, root's
        PeerPrograms p = new PeerPrograms(dir);
        run("cc", "-O0", "-Wall", "-Wextra", "-Werror", "-o", p.peer.toString(), SOURCE.toString());
        run("cc", "-O0", "-Wall", "-Wextra", "-Werror", "-o", p.usernsAs.toString(), USERNS_AS_SOURCE.toString());
        Files.copy(p.peer, p.setuidRoot);
        Files.copy(p.peer, p.setuidOther);
        Files.copy(p.peer, p.plain);
        Files.createDirectory(p.socketDir);
        own(p.peer, 0, NOBODY, 0750);
        own(p.setuidRoot, 0, 0, 04755);
        own(p.setuidOther, OTHER_UID, 0, 04755);
        own(p.plain, 0, 0, 0755);
        own(p.socketDir, 0, NOBODY, 0710);
        own(dir, 0, NOBODY, 0710);
        return p;
    }

    /** Lets group {@link #NOBODY} connect to a receiver's socket (which the receiver made 0600). */
    static void openToNobody(Path socket) throws IOException {
        own(socket, 0, NOBODY, 0660);
    }

    /**
     * The command line running {@code args} as root of a user namespace nobody created (a rootless
     * container: nobody holds every capability there).
     */
    static List<String> inNobodysNamespace(Object... args) {
        List<String> command = asNobody("unshare", "--user", "--map-root-user");
        for (Object arg : args) {
            command.add(arg.toString());
        }
        return command;
    }

    /**
     * The command line running {@code args} as root of a user namespace root created with its root
     * mapped to nobody (a remapped container: it connects as nobody, which cannot ptrace it).
     */
    List<String> inRootsNamespaceAsNobody(Object... args) {
        List<String> command = new ArrayList<>(List.of(usernsAs.toString(), "0", Integer.toString(NOBODY)));
        for (Object arg : args) {
            command.add(arg.toString());
        }
        return command;
    }

    /** The command line running {@code args} as nobody (uid and gid 65534, no groups). */
    static List<String> asNobody(Object... args) {
        List<String> command = new ArrayList<>(AS_NOBODY);
        for (Object arg : args) {
            command.add(arg.toString());
        }
        return command;
    }

    /** The ack packet the receiver sends: 24 bytes as {@code ipc_peer} prints them, in hex. */
    static String ackHex(long sequence, RejectReason reason, long detail) {
        ByteBuffer b = Wire.newBuffer();
        Wire.writeAck(b, sequence, reason.code(), detail);
        return hex(b, Wire.ACK_SIZE);
    }

    /** The line the C peer prints for a receiver's refusing answer to its HELLO. */
    static String helloHex(RejectReason reason) {
        ByteBuffer b = Wire.newBuffer();
        Wire.writeHello(b, reason.code(), 0);
        return hex(b, Wire.HELLO_SIZE);
    }

    private static String hex(ByteBuffer b, int size) {
        StringBuilder hex = new StringBuilder("ack ");
        for (int i = 0; i < size; i++) {
            hex.append(String.format("%02x", b.get(i)));
        }
        return hex.toString();
    }

    private static void own(Path path, int uid, int gid, int mode) throws IOException {
        // chown first: it clears the setuid bit
        Files.setAttribute(path, "unix:uid", uid);
        Files.setAttribute(path, "unix:gid", gid);
        Files.setAttribute(path, "unix:mode", mode);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    /** Removes the directory and everything in it. */
    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
