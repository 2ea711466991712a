package org.remotestruct.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.remotestruct.SafeText;

/**
 * Refuses a {@code --types} location another user could change: the probe runs the code it loads
 * from there, often as root, so a class directory someone else may write to would let them run
 * their code as whoever runs the probe. Like OpenSSH's {@code StrictModes}: the location, everything
 * in it (a directory's files) and every directory above it must belong to root or to the user
 * running the probe, and must not be writable by group or others — but for a directory above
 * with the sticky bit ({@code /tmp}), where others cannot rename or remove what is not theirs.
 */
final class TrustedLocation {

    private static final int GROUP_OR_OTHER_WRITE = 0022;
    private static final int STICKY = 01000;

    private TrustedLocation() {
    }

    /**
     * Checks {@code location} (a jar or a directory) for a probe running as {@code uid}.
     *
     * @return null if trusted, else why not, naming the offending path, its owner or mode, and the fix
     */
    static String refusal(Path location, int uid) throws IOException {
        Path real = location.toRealPath(); // its ancestors then hold no symbolic link to follow
        if (Files.isDirectory(real)) {
            try (Stream<Path> inside = Files.walk(real)) {
                for (Path p : (Iterable<Path>) inside::iterator) {
                    String why = check(p, uid, false, true);
                    if (why != null) {
                        return why;
                    }
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        } else {
            String why = check(real, uid, false, true);
            if (why != null) {
                return why;
            }
        }
        for (Path up = real.getParent(); up != null; up = up.getParent()) {
            String why = check(up, uid, true, false);
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    /** Why {@code p} is not trusted, or null; {@code follow}: a link inside the location counts as its target. */
    private static String check(Path p, int uid, boolean stickyAllowed, boolean follow) throws IOException {
        LinkOption[] options = follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        int owner = (Integer) Files.getAttribute(p, "unix:uid", options);
        int mode = (Integer) Files.getAttribute(p, "unix:mode", options);
        String shown = SafeText.escape(p.toString());
        if (owner != 0 && owner != uid) {
            return shown + " belongs to uid " + owner + ", neither root nor the user running the probe (uid " + uid
                    + "), who would run the code found there";
        }
        if ((mode & GROUP_OR_OTHER_WRITE) != 0 && !(stickyAllowed && (mode & STICKY) != 0)) {
            String who = (mode & 0022) == 0022 ? "its group and others" : (mode & 0020) != 0 ? "its group" : "others";
            return shown + " is writable by " + who + " (mode " + String.format("%04o", mode & 07777) + "), who could change the code the probe "
                    + "runs; remove that with chmod go-w";
        }
        return null;
    }

    /** The effective uid of this process: the owner of its {@code /proc/self} directory. */
    static int currentUid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }
}
