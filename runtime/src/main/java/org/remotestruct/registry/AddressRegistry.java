package org.remotestruct.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.remotestruct.PermissionDeniedException;
import org.remotestruct.ProcessGoneException;
import org.remotestruct.RemoteProcess;
import org.remotestruct.RemoteView;
import org.remotestruct.StructType;
import org.remotestruct.ViewType;
import org.remotestruct.internal.Accounts;
import org.remotestruct.internal.Errno;
import org.remotestruct.internal.Hex;
import org.remotestruct.internal.MemoryMaps;
import org.remotestruct.internal.OwnerRule;
import org.remotestruct.internal.PermissionDiagnosis;
import org.remotestruct.internal.ProcStatus;
import org.remotestruct.internal.ProcessImages;
import org.remotestruct.internal.SafeText;

/**
 * A registry file loaded safely and parsed: where a target process published its structs. Binding an
 * entry ({@link #view}, {@link #array}) first proves the file still describes the live process it
 * names and that the entry's layout and memory mapping fit, and only then reads anything.
 *
 * <p>Typical probe: {@code AddressRegistry.load(path).view("world", WorldRemoteView.TYPE).read()}.
 * Given a generated {@code TYPE} (a {@link ViewType}) the binds return the generated view class;
 * given any other {@link StructType}, as generic tools hold, a {@link RemoteView}.
 */
public final class AddressRegistry {

    private final Path path;
    private final RegistryFile content;
    private final int ownerUid;
    /** The groups the owner may act as: from the user database, else the file's group. */
    private final Set<Integer> ownerGroups;
    private RemoteProcess process;
    /** The target as last verified; null before the first {@link #verify()}. */
    private volatile TargetPid target;
    /** The cheap check of {@link #recheck()}, told of every full verification. */
    private final TargetRecheck rechecks;

    /** Lists the processes of a pid namespace: {@link ProcFacts#inPidNamespace}, a scan of all of /proc. */
    interface NamespaceScan {
        List<TargetPid.NsProcess> processesIn(long namespace) throws IOException;
    }

    private final NamespaceScan scan;

    private AddressRegistry(Path path, RegistryFile content, int ownerUid, Set<Integer> ownerGroups,
            NamespaceScan scan) {
        this.path = path;
        this.content = content;
        this.ownerUid = ownerUid;
        this.ownerGroups = ownerGroups;
        this.scan = scan;
        this.rechecks = new TargetRecheck(path, content, ownerUid, this::verifiedTarget);
    }

    /**
     * Reads and parses the registry at {@code file} without following links, refusing anything but a
     * small regular file with one link that no third user can write, in a directory where no third
     * user can rename it (see {@link #discover(Path)}). Identity is checked later, by {@link
     * #verify()} and every bind.
     *
     * @throws UnsafeRegistryDirectoryException if its directory breaks a safety rule
     * @throws UnsafeRegistryFileException if the file breaks a safety rule
     * @throws RegistryFormatException if its text breaks the format
     * @throws UncheckedIOException if it cannot be read
     */
    public static AddressRegistry load(Path file) {
        return load(file, ProcFacts::inPidNamespace);
    }

    /** As {@link #load(Path)}, listing the processes of a pid namespace with {@code scan}. */
    static AddressRegistry load(Path file, NamespaceScan scan) {
        Path dir = file.toAbsolutePath().getParent();
        try (OpenRegistryDirectory d = OpenRegistryDirectory.open(dir)) {
            d.requireReadable();
            return load(file, d, scan);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read registry " + SafeText.escape(file.toString()) + ": "
                    + SafeText.controls(e.getMessage()), e);
        }
    }

    /** Loads {@code file} of the checked directory {@code dir}. */
    static AddressRegistry load(Path file, OpenRegistryDirectory dir, NamespaceScan scan) {
        return load(file, dir, scan, RegistryFiles.MAX_SIZE);
    }

    /**
     * Loads {@code file} of the checked directory {@code dir}, opened through the directory's
     * descriptor (so the directory checked is the one read, whatever happens to its path), reading at
     * most {@code maxBytes}.
     */
    static AddressRegistry load(Path file, OpenRegistryDirectory dir, NamespaceScan scan, long maxBytes) {
        try {
            RegistryFiles.Content c = RegistryFiles.read(file, dir.handle().resolve(file.getFileName()), -1, maxBytes);
            dir.requireTrusted(file, c.ownerUid());
            return new AddressRegistry(file, RegistryParser.parse(file.toString(), c.lines()), c.ownerUid(),
                    requesterGroups(c), scan);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read registry " + SafeText.escape(file.toString()) + ": "
                    + SafeText.controls(e.getMessage()), e);
        }
    }

    /**
     * The groups the file's owner may act as: its primary and supplementary groups from the user
     * database; for a uid the database does not know (one used only in a container), the file's
     * group, which its owner set (a user may give a file only a group it is a member of).
     */
    private static Set<Integer> requesterGroups(RegistryFiles.Content c) {
        return Accounts.groupsOf(c.ownerUid()).orElse(Set.of(c.ownerGid()));
    }

    /**
     * Loads and verifies every {@code *.registry} file in {@code dir}, within
     * {@link ScanLimits#DEFAULTS}; one bad file never fails the scan but is listed with its reason.
     * A missing directory yields an empty result (nothing published yet). To scan again and again,
     * keep a {@link RegistryScanner}: it also remembers where targets of other pid namespaces were found.
     *
     * <p>The directory itself must not let a third user rename files in it: it is refused if it is a
     * symbolic link, or group- or world-writable without the sticky bit; in a directory owned by
     * another user (neither root nor this reader) only that user's files are trusted.
     *
     * @throws UnsafeRegistryDirectoryException if the directory breaks a safety rule
     * @throws UncheckedIOException if the directory exists but cannot be listed
     */
    public static Discovery discover(Path dir) {
        return new RegistryScanner(ScanLimits.DEFAULTS).scan(dir);
    }

    /** {@link #discover(Path)} of {@link #defaultDirectory()}. */
    public static Discovery discover() {
        return discover(defaultDirectory());
    }

    /**
     * The directory publishers write to by default: {@code $REMOTESTRUCT_REGISTRY_DIR} if set, else
     * {@code /run/remotestruct} when running as root, else {@code $XDG_RUNTIME_DIR/remotestruct}.
     * A root probe reading an ordinary user's targets passes that user's directory explicitly.
     *
     * @throws IllegalStateException if none applies
     */
    public static Path defaultDirectory() {
        return RegistryDirectory.resolve(System.getenv(), ProcFacts.selfEffectiveUid());
    }

    /** The registry file. */
    public Path path() {
        return path;
    }

    /** The parsed content. */
    public RegistryFile content() {
        return content;
    }

    /**
     * Checks that the registry describes a live process: same boot, the pid exists with the
     * recorded start time, and the file is owned by root or by the uid the process runs as. A
     * registry written in another pid namespace (a container; its {@code pidns} key) is checked
     * against the target's pid in this reader's namespace, found through that namespace.
     *
     * @throws StaleRegistryException naming the failed check
     * @throws UnsafeRegistryFileException if the owner does not match the process
     */
    public void verify() {
        verifiedTarget();
    }

    /**
     * The target's pid in this reader's pid namespace: the registry's own pid unless it was written
     * in another namespace. Resolved by {@link #verify()}, which this calls if it has not run yet.
     *
     * @throws StaleRegistryException if the registry no longer describes a live process
     */
    public int targetPid() {
        TargetPid t = target;
        return t != null ? t.here() : verifiedTarget().here();
    }

    private TargetPid verifiedTarget() {
        try {
            String bootId = ProcFacts.currentBootId();
            TargetIdentity.requireSameBoot(path, content, bootId);
            // A process keeps its pid here for life, so once resolved, checking that pid again (start
            // time, NSpid) re-verifies the same process without another scan of all of /proc; if the
            // check fails the target is gone, and no scan could find it under another pid.
            TargetPid known = target;
            TargetPid t = known != null ? known : resolvePid();
            var facts = ProcFacts.read(t.here());
            TargetIdentity.verify(path, content, bootId, t, facts);
            ProcStatus status = facts.orElseThrow().status();
            requireOwnerMayAccess(t, status);
            requireSameImage(t, null);
            target = t;
            rechecks.passed(t, status.gids().effective());
            return t;
        } catch (RuntimeException e) {
            rechecks.failed(e);
            throw e;
        } catch (IOException e) {
            UncheckedIOException wrapped = new UncheckedIOException("cannot check identity of process "
                    + content.pid(), e);
            rechecks.failed(wrapped);
            throw wrapped;
        }
    }

    /**
     * Checks again, with one {@code stat} and no {@code /proc} text, what a verified target can
     * change without an {@code execve}: that it still exists and, unless root owns the registry,
     * that its owner could still access it (it is still dumpable, with the owner's effective uid
     * and the effective gid it was verified with). Everything else the owner rule and the identity
     * checks look at (the other uids and gids, capabilities, the program image) changes only by an
     * {@code execve}, or by a process the rule already refused, or by one in a user namespace the
     * owner created (whose owner holds every capability there), and an exec'd or reused pid fails
     * the image cookie every read carries. So a caller that reads through this registry and then
     * calls this method knows the bytes came from the verified image of a process the owner could
     * read at that time: what {@code probe serve} does each round (docs/security.md).
     *
     * <p>The first call verifies in full ({@link #verify()}) and from then on holds the target's
     * {@code /proc/<pid>} directory open, bound to that process whatever happens to its pid. When
     * the {@code stat} disagrees, the check is made in full, so a refusal names its reason as
     * {@link #verify()} would. A registry once found stale stays stale without further checks.
     *
     * @throws StaleRegistryException if the target is gone (or was found exec'd or restarted)
     * @throws UnsafeRegistryFileException if the owner may no longer access the target
     */
    public void recheck() {
        rechecks.run();
    }

    /**
     * Whether a check passed at or after {@code nanos} (a {@link System#nanoTime()} value) and none
     * has refused the registry since: a scanner then need not check it again.
     */
    boolean checkedSince(long nanos) {
        return rechecks.checkedSince(nanos);
    }

    /** Closes the held /proc directory, if any; a later {@link #recheck()} opens it again. */
    void release() {
        rechecks.release();
    }

    /** The uid owning the registry file: the user the registry speaks for. */
    int ownerUid() {
        return ownerUid;
    }

    /**
     * A registry speaks for its owner: unless root owns it, the owner must be able to read the target
     * under the kernel's ptrace rules ({@link OwnerRule}), or a forged file would make a privileged
     * reader read (and write) a setuid or non-dumpable process for a user who may not.
     */
    private void requireOwnerMayAccess(TargetPid t, ProcStatus status) {
        OwnerRule.Refusal refusal;
        try {
            refusal = ProcessImages.ownerRuleRefusal(t.here(), ownerUid, ownerGroups, "registry owner", status);
        } catch (ProcessGoneException e) {
            throw new StaleRegistryException(path, StaleRegistryException.Check.PROCESS_GONE, t.describe(content)
                    + " exited while its credentials were checked");
        }
        if (refusal != null) {
            UnsafeRegistryFileException.Rule rule = refusal.breach() == OwnerRule.Breach.OTHER_USER
                    ? UnsafeRegistryFileException.Rule.WRONG_OWNER : UnsafeRegistryFileException.Rule.OWNER_MAY_NOT_ACCESS;
            throw new UnsafeRegistryFileException(path, rule, "owned by uid " + ownerUid + ", but "
                    + t.describe(content) + " is out of its owner's reach: " + refusal.reason());
        }
    }

    /**
     * A registry names the program image that wrote it ({@code image} key): unless the process still
     * runs that image (or {@code attached}'s, when given), it has exec'd another program since, and
     * the addresses describe memory that is gone. Registries without the key cannot be checked.
     */
    private void requireSameImage(TargetPid t, RemoteProcess attached) {
        String published = content.image();
        if (published == null) {
            return;
        }
        String now;
        try {
            now = (attached != null ? ProcessImages.cookieOf(attached) : ProcessImages.capture(t.here())).digest();
        } catch (ProcessGoneException e) {
            throw new StaleRegistryException(path, StaleRegistryException.Check.PROCESS_GONE, t.describe(content)
                    + " exited while its program image was checked");
        }
        if (!now.equals(published)) {
            throw new StaleRegistryException(path, StaleRegistryException.Check.EXEC, t.describe(content)
                    + " has exec'd another program since it published this registry (image " + now.substring(0, 16)
                    + "…, registry " + published.substring(0, 16) + "…): its addresses no longer mean anything");
        }
    }

    /**
     * The registry's pid as seen here; /proc is scanned only for a registry from another namespace,
     * and only until the first verification succeeds.
     */
    private TargetPid resolvePid() throws IOException {
        long self = content.hasPidNamespace() ? ProcFacts.selfPidNamespace() : 0;
        boolean foreign = self != 0 && self != content.pidNamespace();
        return TargetPid.resolve(path, content, self, foreign && ProcFacts.selfNested(),
                foreign ? scan.processesIn(content.pidNamespace()) : List.of());
    }

    /**
     * A {@link RemoteProcess} for the registry's target, after {@link #verify()}; its start time is
     * checked again after attaching, so a pid reused in between is refused too.
     *
     * @throws StaleRegistryException naming the failed check
     */
    public RemoteProcess attach() {
        TargetPid t = verifiedTarget();
        RemoteProcess p;
        try {
            p = RemoteProcess.attachOnBehalfOf(t.here(), ownerUid, ownerGroups, "registry owner");
        } catch (ProcessGoneException e) {
            throw new StaleRegistryException(path, StaleRegistryException.Check.PROCESS_GONE, t.describe(content)
                    + " exited while attaching");
        }
        requireSameImage(t, p);
        if (p.startTime() != content.startTime()) {
            throw new StaleRegistryException(path, StaleRegistryException.Check.START_TIME, t.describe(content)
                    + " restarted while attaching (start time " + p.startTime() + ", registry "
                    + content.startTime() + ")");
        }
        return p;
    }

    /**
     * A view of the single struct published as {@code entryName}, after the layout, identity and
     * mapping checks (readable memory).
     *
     * @throws LayoutMismatchException if {@code type} does not match the published layout
     * @throws UnmappedEntryException if the entry is not inside readable mappings
     * @throws StaleRegistryException if the registry no longer describes its process
     * @throws IllegalArgumentException if there is no such entry or it holds more than one element
     */
    public <R extends Record> RemoteView<R> view(String entryName, StructType<R> type) {
        long address = single(entryName, type, false);
        return type.view(process(), address);
    }

    /**
     * Like {@link #view} but for writing: the entry must lie in private writable mappings (never
     * shared file or memory mappings, never kernel special pages).
     */
    public <R extends Record> RemoteView<R> writableView(String entryName, StructType<R> type) {
        long address = single(entryName, type, true);
        return type.view(process(), address);
    }

    /**
     * As {@link #view(String, StructType)}, returning the generated view class itself, so its
     * {@code read...} methods need no cast: {@code WorldRemoteView w = registry.view("world",
     * WorldRemoteView.TYPE)}. The same checks run before anything is returned.
     *
     * @throws LayoutMismatchException if {@code type} does not match the published layout
     * @throws UnmappedEntryException if the entry is not inside readable mappings
     * @throws StaleRegistryException if the registry no longer describes its process
     * @throws IllegalArgumentException if there is no such entry or it holds more than one element
     */
    public <R extends Record, V extends RemoteView<R>> V view(String entryName, ViewType<R, V> type) {
        long address = single(entryName, type, false);
        return type.view(process(), address);
    }

    /**
     * As {@link #writableView(String, StructType)}, returning the generated view class itself, so
     * its {@code write()} and {@code write...} methods need no cast: {@code ConfigRemoteView c =
     * registry.writableView("config", ConfigRemoteView.TYPE)}. The same checks run before anything
     * is returned, private writable mappings included.
     *
     * @throws LayoutMismatchException if {@code type} does not match the published layout
     * @throws UnmappedEntryException if the entry is not inside private writable mappings
     * @throws StaleRegistryException if the registry no longer describes its process
     * @throws IllegalArgumentException if there is no such entry or it holds more than one element
     */
    public <R extends Record, V extends RemoteView<R>> V writableView(String entryName, ViewType<R, V> type) {
        long address = single(entryName, type, true);
        return type.view(process(), address);
    }

    /** The array published as {@code entryName}, after the same checks as {@link #view}. */
    public <R extends Record> RemoteArray<R> array(String entryName, StructType<R> type) {
        RegistryEntry e = bind(entryName, type, false);
        return new RemoteArray<>(process(), e.address(), e.count(), type);
    }

    /** Like {@link #array} but requiring private writable mappings, as {@link #writableView}. */
    public <R extends Record> RemoteArray<R> writableArray(String entryName, StructType<R> type) {
        RegistryEntry e = bind(entryName, type, true);
        return new RemoteArray<>(process(), e.address(), e.count(), type);
    }

    /**
     * The address of the single struct {@code entryName}, after every check of {@link #bind}; callers
     * call it before {@link #process()} so a refused bind never attaches.
     */
    private long single(String entryName, StructType<?> type, boolean writable) {
        RegistryEntry e = bind(entryName, type, writable);
        if (e.count() != 1) {
            throw new IllegalArgumentException("registry " + shownPath() + " entry '" + entryName + "' holds "
                    + e.count() + " elements; bind it with array()");
        }
        return e.address();
    }

    /** Every check before a bind, cheapest first; nothing of the target is read before they pass. */
    private RegistryEntry bind(String entryName, StructType<?> type, boolean writable) {
        Objects.requireNonNull(type, "type");
        RegistryEntry e = content.entry(entryName).orElseThrow(() -> new IllegalArgumentException(
                "registry " + shownPath() + " has no entry '" + entryName + "'; entries: "
                        + content.entries().stream().map(RegistryEntry::name).collect(Collectors.toList())));
        if (!e.typeName().equals(type.name()) || e.elementSize() != type.size()
                || e.fingerprint() != type.fingerprint()) {
            throw new LayoutMismatchException(path.toString(), e, type);
        }
        TargetPid t;
        try {
            t = verifiedTarget();
        } catch (PermissionDeniedException ex) {
            // Checking the program image reads /proc/<pid>/auxv, which needs the same ptrace access
            // as process_vm_readv: the first place an unprivileged reader is refused.
            throw denied(e, ex.pid(), "auxv");
        }
        String problem;
        try {
            problem = MemoryMaps.coverageProblem(MemoryMaps.read(t.here()), e.address(),
                    e.byteLength(), writable);
        } catch (NoSuchFileException ex) {
            throw new StaleRegistryException(path, StaleRegistryException.Check.PROCESS_GONE,
                    t.describe(content) + " exited while its mappings were checked");
        } catch (AccessDeniedException ex) {
            // /proc/<pid>/maps needs the same ptrace access as process_vm_readv, so this is the
            // first place an unprivileged reader is refused: say why, as a read would.
            throw denied(e, t.here(), "maps");
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read /proc/" + t.here() + "/maps", ex);
        }
        // Checked again after the maps read: a pid reused between verify() and reading
        // /proc/<pid>/maps would otherwise have vouched for another process's mappings.
        verifiedTarget();
        if (problem != null) {
            throw new UnmappedEntryException(path.toString(), t.here(), e, problem);
        }
        return e;
    }

    private PermissionDeniedException denied(RegistryEntry e, int pid, String procFile) {
        String hint = PermissionDiagnosis.diagnose(pid);
        return new PermissionDeniedException("permission denied reading /proc/" + pid + "/" + procFile
                + " to bind entry '"
                + e.name() + "' of registry " + shownPath() + " (" + e.byteLength() + " bytes at " + Hex.of(e.address())
                + "). " + hint, pid, e.address(), e.byteLength(), null, Errno.EACCES, hint);
    }

    private synchronized RemoteProcess process() {
        if (process == null) {
            process = attach();
        }
        return process;
    }

    /** The path for messages: a file name is whatever the directory holds, control characters included. */
    private String shownPath() {
        return SafeText.escape(path.toString());
    }

    @Override
    public String toString() {
        TargetPid t = target;
        return "registry " + shownPath() + " (pid " + content.pid() + (t != null && t.translated() ? " = pid " + t.here()
                + " here" : "") + content.label().map(l -> ", " + l).orElse("")
                + ", " + content.entries().size() + " entries)";
    }
}
