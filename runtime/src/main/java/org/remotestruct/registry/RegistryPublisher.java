package org.remotestruct.registry;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.remotestruct.StructType;
import org.remotestruct.internal.LibC;
import org.remotestruct.internal.ProcessImages;

/**
 * Publishes structs of this JVM in a registry file, for Java targets: the Java counterpart of
 * {@code remotestruct.h}. Only off-heap memory can be published (direct {@link ByteBuffer}s, JNA
 * {@link Memory}), because the garbage collector moves heap objects and a reader would follow a stale
 * address. The publisher keeps the published buffers reachable until {@link #close()}, since freeing
 * one would leave its address pointing at reused memory.
 *
 * <p>{@link #commit()} writes atomically (temp file, fsync, rename, fsync of the directory);
 * {@link #close()}, or a shutdown hook if the JVM exits first, removes the file unless another
 * process has since replaced it.
 */
public final class RegistryPublisher implements AutoCloseable {

    private static final String DIR_MODE = "rwxr-xr-x";

    private final Path dir;
    private final Path path;
    private final String name;
    private final List<RegistryEntry> entries = new ArrayList<>();
    private final List<Object> keepAlive = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::removeQuietly, "remotestruct-registry-remove");
    private Object publishedKey;
    private boolean hooked;

    private RegistryPublisher(Path dir, String name) {
        this.dir = dir;
        this.name = name;
        this.path = dir.resolve(name + ".registry");
    }

    /**
     * A publisher of {@code <dir>/<name>.registry}; nothing is written before {@link #commit()}.
     *
     * @param dir the registry directory, or {@code null} for {@link AddressRegistry#defaultDirectory()}
     * @param name the process label and file name: 1-128 of {@code A-Z a-z 0-9 _ . : -}
     */
    public static RegistryPublisher create(Path dir, String name) {
        if (!RegistrySyntax.isName(name)) {
            throw new IllegalArgumentException("registry name must be " + RegistrySyntax.nameRule() + ", was '"
                    + name + "'");
        }
        return new RegistryPublisher(dir != null ? dir : AddressRegistry.defaultDirectory(), name);
    }

    /** The file {@link #commit()} writes. */
    public Path path() {
        return path;
    }

    /**
     * Adds {@code count} structs of {@code type} starting at index 0 of the direct buffer {@code memory}.
     *
     * @throws IllegalArgumentException if the buffer is on the heap or smaller than {@code count} structs
     */
    public synchronized RegistryPublisher add(String entry, StructType<?> type, ByteBuffer memory, int count) {
        if (!memory.isDirect()) {
            throw new IllegalArgumentException("entry '" + entry + "': a heap ByteBuffer cannot be published, the"
                    + " garbage collector moves it; use ByteBuffer.allocateDirect or JNA Memory");
        }
        return add(entry, type, LibC.addressOf(memory), memory.capacity(), count, memory);
    }

    /**
     * Adds {@code count} structs of {@code type} at the start of the native block {@code memory}.
     *
     * @throws IllegalArgumentException if the block is smaller than {@code count} structs
     */
    public synchronized RegistryPublisher add(String entry, StructType<?> type, Memory memory, int count) {
        return add(entry, type, Pointer.nativeValue(memory), memory.size(), count, memory);
    }

    private RegistryPublisher add(String entry, StructType<?> type, long address, long capacity, int count,
            Object owner) {
        Objects.requireNonNull(type, "type");
        if ((long) count * type.size() > capacity) {
            throw new IllegalArgumentException("entry '" + entry + "': " + count + " x " + type.size() + " bytes of "
                    + type.name() + " do not fit in " + capacity + " bytes of memory");
        }
        if (entries.stream().anyMatch(e -> e.name().equals(entry))) {
            throw new IllegalArgumentException("entry '" + entry + "' added twice");
        }
        entries.add(new RegistryEntry(entry, type.name(), address, count, type.size(), type.fingerprint()));
        keepAlive.add(owner);
        return this;
    }

    /**
     * Publishes every entry added so far, replacing any earlier version of the file atomically, and
     * arranges for the file to be removed at JVM exit. The directory must be owned by this process's
     * effective uid or root and not be group- or world-writable, so nobody else can replace the
     * file or take its name; a missing directory is created with mode 0755.
     *
     * @throws UnsafeRegistryDirectoryException if the directory breaks that rule, naming it, its owner and mode
     * @throws UncheckedIOException if the file cannot be written
     */
    public synchronized void commit() {
        try {
            RegistryFile file = new RegistryFile((int) ProcessHandle.current().pid(), ProcFacts.selfStartTime(),
                    ProcFacts.currentBootId(), ProcFacts.selfPidNamespace(), name,
                    ProcessImages.capture((int) ProcessHandle.current().pid()).digest(), entries);
            try (OpenRegistryDirectory d = openDirectory()) {
                publishedKey = replace(d.handle(), RegistryWriter.format(file).getBytes(StandardCharsets.US_ASCII));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish registry " + path + ": " + reason(e), e);
        }
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            hooked = true;
        }
    }

    /**
     * Opens the directory, creating it if missing, and checks that it may be published into.
     * Created here, it gets mode 0755 whatever the umask, as remotestruct.h does: readers running
     * as another uid with CAP_SYS_PTRACE (a service account) must list it; the registry holds
     * addresses only, and the file is 0644 anyway.
     */
    private OpenRegistryDirectory openDirectory() throws IOException {
        boolean created = false;
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(DIR_MODE)));
            created = true;
        } catch (FileAlreadyExistsException exists) {
            // Checked below like any directory this process did not create.
        }
        OpenRegistryDirectory d = OpenRegistryDirectory.open(dir);
        try {
            d.requirePublishable();
            if (created && d.ownedBySelf()) {
                // Through the open directory, so a path swapped meanwhile is never chmod'ed.
                Files.setPosixFilePermissions(d.handle(), PosixFilePermissions.fromString(DIR_MODE));
            }
            return d;
        } catch (IOException | RuntimeException e) {
            d.close();
            throw e;
        }
    }

    /**
     * Writes a fresh temp file durably and renames it over the registry, both inside the open
     * directory {@code at}; returns the file's key.
     */
    private Object replace(Path at, byte[] text) throws IOException {
        Path tmp = at.resolve("." + name + ".registry.tmp." + ProcessHandle.current().pid());
        Path target = at.resolve(path.getFileName());
        Files.deleteIfExists(tmp); // left by a crashed earlier process with our pid; CREATE_NEW refuses others
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            ch.write(ByteBuffer.wrap(text));
            ch.force(true);
        }
        Object key = Files.readAttributes(tmp, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel d = FileChannel.open(at, StandardOpenOption.READ)) {
            d.force(true); // the rename is durable only once the directory is
        }
        return key;
    }

    /** Why {@code e} happened, without the /proc/self/fd path the publisher wrote through. */
    private static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null && f.getFile().startsWith("/proc/self/fd/")) {
            return e.getClass().getSimpleName() + (f.getReason() != null ? ": " + f.getReason() : "");
        }
        return e.getMessage();
    }

    /**
     * Removes the published file (unless another process replaced it) and releases the buffers.
     *
     * @throws UncheckedIOException if the file exists but cannot be removed
     */
    @Override
    public synchronized void close() {
        try {
            remove();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove registry " + path, e);
        } finally {
            if (hooked) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException shuttingDown) {
                    // The hook is running or about to run; it finds nothing left to remove.
                }
                hooked = false;
            }
            keepAlive.clear();
        }
    }

    private synchronized void remove() throws IOException {
        if (publishedKey == null) {
            return;
        }
        try {
            Object now = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            if (publishedKey.equals(now)) {
                Files.delete(path);
            }
        } catch (NoSuchFileException gone) {
            // Already removed: nothing to do.
        } finally {
            publishedKey = null;
        }
    }

    private void removeQuietly() {
        try {
            remove();
        } catch (IOException e) {
            System.err.println("remotestruct: cannot remove registry " + path + ": " + e.getMessage());
        }
    }
}
