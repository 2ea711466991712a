package org.remotestruct.internal;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One open {@code /proc/<pid>/mem} descriptor and its positional reads: the JDK's
 * {@link FileChannel}, or on JDK 22+ a raw descriptor read with {@code pread} through
 * {@code java.lang.foreign} ({@link LibC.Foreign}), which skips {@code FileChannel}'s bookkeeping.
 * {@link ProcMemChannel} proves the descriptor and decides what a result means; this class only
 * reads. Thread-safe: reads may run on several threads while another closes the file.
 */
abstract class MemFile {

    /** {@link #read} result: the file was closed (by another thread); open a new one. */
    static final int CLOSED = -3;

    /** Opens {@code /proc/<pid>/mem} for reading, through the fastest binding this JVM offers. */
    static MemFile open(int pid) throws IOException {
        String path = "/proc/" + pid + "/mem";
        if (!LibC.Foreign.available()) {
            return new Channel(FileChannel.open(Path.of(path), StandardOpenOption.READ));
        }
        try {
            return new Descriptor(LibC.open(path, LibC.O_RDONLY | LibC.O_CLOEXEC));
        } catch (LastErrorException e) {
            throw new IOException("cannot open " + path + ": errno " + e.getErrorCode(), e);
        }
    }

    /** Whether the descriptors {@link #open} gives here stay open when a reading thread is interrupted. */
    static boolean survivesInterrupt() {
        return LibC.Foreign.available();
    }

    /**
     * Reads {@code window.remaining()} bytes at {@code remote} into {@code window}, a direct buffer
     * whose index 0 is at native address {@code windowAddress}, advancing its position by the bytes
     * read.
     *
     * @return the bytes read; {@code -1} at end of file (nothing there: the image is gone);
     *     {@link #CLOSED} if the file was closed
     * @throws IOException if the read failed
     */
    abstract int read(ByteBuffer window, long windowAddress, long remote) throws IOException;

    /** Closes the descriptor once no read is using it; reads that start later return {@link #CLOSED}. */
    abstract void close();

    /** Whether this binding closes the file when a reading thread is interrupted (FileChannel does). */
    abstract boolean closedByInterrupt();

    /** The JDK's channel: interruptible, so an interrupted reader closes it for every thread. */
    private static final class Channel extends MemFile {

        private final FileChannel channel;

        Channel(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        int read(ByteBuffer window, long windowAddress, long remote) throws IOException {
            try {
                return channel.read(window, remote);
            } catch (ClosedChannelException e) {
                return CLOSED; // close(), or another thread's interrupt
            }
        }

        @Override
        void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // closing a /proc file releases a reference and cannot fail meaningfully
            }
        }

        @Override
        boolean closedByInterrupt() {
            return true;
        }
    }

    /**
     * A raw descriptor read through {@link LibC.Foreign#pread}. It is closed only when no read is
     * in flight: a descriptor number closed under a running {@code pread} could be reused by another
     * {@code open} (another process's {@code /proc/<pid>/mem}) before the next read, which would
     * then return another file's bytes as this process's. {@code FileChannel} guards its own
     * descriptor the same way.
     */
    private static final class Descriptor extends MemFile {

        private final int fd;
        /** Reads in flight. */
        private final AtomicInteger users = new AtomicInteger();
        private volatile boolean closing;
        private final AtomicBoolean released = new AtomicBoolean();

        Descriptor(int fd) {
            this.fd = fd;
        }

        @Override
        int read(ByteBuffer window, long windowAddress, long remote) throws IOException {
            // Dekker with close(): either close() sees this read in flight, or this read sees closing.
            users.incrementAndGet();
            try {
                if (closing) {
                    return CLOSED;
                }
                int position = window.position();
                int wanted = window.remaining();
                long n = LibC.Foreign.pread(fd, windowAddress + position, wanted, remote);
                if (n < 0) {
                    throw new IOException("pread of /proc/<pid>/mem at " + Hex.of(remote) + " failed");
                }
                if (n == 0 && wanted > 0) {
                    return -1;
                }
                window.position(position + (int) n);
                return (int) n;
            } finally {
                if (users.decrementAndGet() == 0 && closing) {
                    release();
                }
            }
        }

        @Override
        void close() {
            closing = true;
            if (users.get() == 0) {
                release();
            }
        }

        private void release() {
            if (released.compareAndSet(false, true)) {
                try {
                    LibC.close(fd);
                } catch (LastErrorException e) {
                    // as for the channel: nothing to do about a failed close of a /proc file
                }
            }
        }

        @Override
        boolean closedByInterrupt() {
            return false;
        }
    }
}
