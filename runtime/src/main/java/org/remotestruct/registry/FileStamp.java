package org.remotestruct.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.remotestruct.internal.FileStatus;

/**
 * What one {@code lstat} says about a registry file, enough to tell that it has not changed since:
 * a publisher commits by {@code rename(2)}, which gives the name a new inode; writing in place
 * changes the modification time; and the change time moves with every change to the content, owner,
 * mode or link count, and cannot be set back by anyone.
 *
 * @param device the file system's device number
 * @param inode the inode number
 * @param size the size in bytes
 * @param modifiedNanos the modification time in nanoseconds since the epoch, at the file system's resolution
 * @param changedNanos the inode change time in nanoseconds since the epoch, at the file system's resolution
 */
record FileStamp(long device, long inode, long size, long modifiedNanos, long changedNanos) {

    /**
     * The stamp of the file {@code name} in the open directory {@code dir}, a symbolic link itself
     * rather than what it points to: one {@code statx} relative to the directory's descriptor (the
     * scan stamps every file every round), or where libc lacks it an {@code lstat} through
     * {@link OpenRegistryDirectory#handle()}, which names the same file.
     *
     * @throws IOException if it cannot be stat'ed (gone, say)
     */
    static FileStamp of(OpenRegistryDirectory dir, Path name) throws IOException {
        String text = name.toString();
        // Only an ASCII name is sure to encode back to the very bytes listed: a name that did not
        // decode cleanly, or one of a charset mapping several byte sequences to one string
        // (Shift_JIS, Big5-HKSCS), could make statx stamp another file than the one read.
        if (!FileStatus.AVAILABLE || !ascii(text)) {
            return of(dir.handle().resolve(name));
        }
        FileStatus.Status st = dir.stat(text);
        return new FileStamp(st.device(), st.inode(), st.size(), st.modifiedNanos(), st.changedNanos());
    }

    private static boolean ascii(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * How recent a change may be for the stamp not to be trusted yet: file times are only as fine
     * as the file system keeps them (a clock tick of a few milliseconds; whole seconds on some,
     * such as ext4 with small inodes), so a second same-size write in place within that time leaves
     * the stamp as it was. Git calls such index entries "racy" and re-reads them; so do we.
     */
    static final long RACY_MILLIS = 2_000;

    /**
     * Whether this stamp, taken no later than {@code nowMillis} (wall-clock, as file times are),
     * may miss a change yet to come: its file changed within {@link #RACY_MILLIS} of then, and a
     * write in the same tick would not move its times. Such a file is read again next time.
     */
    boolean racyAt(long nowMillis) {
        return nowMillis - changedNanos / 1_000_000 < RACY_MILLIS;
    }

    /**
     * The stamp of {@code file}, a symbolic link itself rather than what it points to.
     *
     * @throws IOException if it cannot be stat'ed (gone, say)
     */
    static FileStamp of(Path file) throws IOException {
        Map<String, Object> st = Files.readAttributes(file, "unix:dev,ino,size,lastModifiedTime,ctime",
                LinkOption.NOFOLLOW_LINKS);
        return new FileStamp((Long) st.get("dev"), (Long) st.get("ino"), (Long) st.get("size"),
                ((FileTime) st.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS),
                ((FileTime) st.get("ctime")).to(TimeUnit.NANOSECONDS));
    }
}
