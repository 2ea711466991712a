package org.remotestruct.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The I/O edge of {@link UserNamespaceChain}: where a process's user namespace lies relative to
 * this process's, read from the kernel. Opens {@code /proc/<pid>/ns/user} and walks up with the
 * nsfs ioctls ({@code NS_GET_OWNER_UID} for each namespace's owner, {@code NS_GET_PARENT} for the
 * next) until it reaches this process's namespace, or the kernel refuses a parent that is not this
 * namespace nor below it. Namespaces are compared by device and inode of their descriptors, what
 * {@code /proc/<pid>/ns/user} links are equal by. Thread-safe.
 */
public final class UserNamespaces {

    private static final String SELF = "/proc/self/ns/user";
    /**
     * Deeper than the kernel nests user namespaces (32 levels below the initial one): a walk that
     * gets here has met something that is not a tree, and stops.
     */
    private static final int MAX_LEVELS = 33;

    /** A namespace by what its descriptor stats as. */
    private record Identity(long device, long inode) {
    }

    /**
     * This process's user namespace, looked up once: a process may change its user namespace only
     * while it has a single thread ({@code unshare} and {@code setns} refuse others), which a JVM
     * never has.
     */
    private static volatile Identity readers;

    private UserNamespaces() {
    }

    /**
     * Where {@code pid}'s user namespace lies relative to this process's.
     *
     * @throws NoSuchFileException if there is no such process (any more)
     * @throws AccessDeniedException if this process may not inspect it (the link needs the same ptrace
     *     access as reading its memory)
     * @throws IOException if the kernel cannot tell (no nsfs ioctls before Linux 4.11), with the errno
     */
    public static UserNamespaceChain of(int pid) throws IOException {
        Identity reader = readersNamespace();
        String path = "/proc/" + pid + "/ns/user";
        int fd = open(path);
        try {
            Identity here = identity(fd, path);
            if (here.equals(reader)) {
                return UserNamespaceChain.SAME;
            }
            List<UserNamespaceChain.Namespace> levels = new ArrayList<>();
            for (int level = 0; level < MAX_LEVELS; level++) {
                levels.add(new UserNamespaceChain.Namespace(here.inode(), ownerUid(fd, path)));
                int parent = parent(fd, path);
                if (parent < 0) {
                    return new UserNamespaceChain(UserNamespaceChain.Placement.OUTSIDE, levels);
                }
                close(fd);
                fd = parent;
                path = "the parent of user namespace " + here.inode();
                here = identity(fd, path);
                if (here.equals(reader)) {
                    return new UserNamespaceChain(UserNamespaceChain.Placement.BELOW, levels);
                }
            }
            throw new IOException("user namespace of pid " + pid + " is more than " + MAX_LEVELS
                    + " levels below this process's: walked " + levels);
        } finally {
            close(fd);
        }
    }

    private static Identity readersNamespace() throws IOException {
        Identity r = readers;
        if (r == null) {
            int fd = open(SELF);
            try {
                r = identity(fd, SELF);
            } finally {
                close(fd);
            }
            readers = r;
        }
        return r;
    }

    private static int open(String path) throws IOException {
        try {
            return LibC.open(path, LibC.O_RDONLY | LibC.O_CLOEXEC);
        } catch (LastErrorException e) {
            // ESRCH: the process exited between the lookup of /proc/<pid> and the link
            if (e.getErrorCode() == LibC.ENOENT || e.getErrorCode() == Errno.ESRCH) {
                throw new NoSuchFileException(path);
            }
            if (e.getErrorCode() == Errno.EACCES || e.getErrorCode() == Errno.EPERM) {
                throw new AccessDeniedException(path, null, Errno.name(e.getErrorCode())
                        + ": opening it needs ptrace read access to the process");
            }
            throw new IOException("cannot open " + path + ": " + Errno.name(e.getErrorCode()), e);
        }
    }

    private static Identity identity(int fd, String what) throws IOException {
        try {
            FileStatus.Status st = FileStatus.AVAILABLE ? FileStatus.ofOpen(fd)
                    : FileStatus.viaPath(Path.of("/proc/self/fd/" + fd));
            return new Identity(st.device(), st.inode());
        } catch (IOException e) {
            throw new IOException("cannot stat " + what + ": " + e.getMessage(), e);
        }
    }

    /** The owner of the user namespace open as {@code fd}, as a uid of this process's namespace. */
    private static int ownerUid(int fd, String what) throws IOException {
        Memory uid = new Memory(Integer.BYTES);
        try {
            LibC.ioctl(fd, LibC.NS_GET_OWNER_UID, com.sun.jna.Pointer.nativeValue(uid));
        } catch (LastErrorException e) {
            throw unsupported("NS_GET_OWNER_UID", "4.11", what, e);
        }
        return uid.getInt(0);
    }

    /**
     * A new descriptor for the parent of the user namespace open as {@code fd}, or -1 if the kernel
     * refuses to name it (EPERM): the parent is neither this process's namespace nor below it.
     */
    private static int parent(int fd, String what) throws IOException {
        try {
            return LibC.ioctl(fd, LibC.NS_GET_PARENT, 0);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Errno.EPERM) {
                return -1;
            }
            throw unsupported("NS_GET_PARENT", "4.9", what, e);
        }
    }

    private static IOException unsupported(String ioctl, String since, String what, LastErrorException e) {
        int errno = e.getErrorCode();
        String why = errno == LibC.ENOTTY || errno == Errno.EINVAL ? " (this kernel has no " + ioctl
                + ", Linux " + since + "+)" : "";
        return new IOException("cannot ask the kernel " + ioctl + " of " + what + ": " + Errno.name(errno) + why, e);
    }

    private static void close(int fd) {
        try {
            LibC.close(fd);
        } catch (LastErrorException ignored) {
            // a descriptor we opened and close once: close reports nothing we could act on
        }
    }
}
