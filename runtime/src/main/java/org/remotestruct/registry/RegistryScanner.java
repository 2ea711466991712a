package org.remotestruct.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.LongSupplier;
import org.remotestruct.RemoteAccessException;
import org.remotestruct.internal.SafeText;

/**
 * Scans a registry directory again and again, each scan within {@link ScanLimits}: a bounded number
 * of files and bytes read and of {@code /proc} scans, whatever the directory holds. What a limit
 * leaves out is listed as {@link Discovery.Reason#LIMIT} and comes first, or in turn, next time.
 *
 * <p>Between scans it keeps what it learnt about each file while one {@code lstat} (device, inode,
 * size, modification and change time) says the file is unchanged: a registry verified before is
 * listed again as the same {@link AddressRegistry} after {@link AddressRegistry#recheck()} (one
 * {@code stat}: the target still exists and its owner may still access it), unless a check of
 * that registry passed since the previous scan ended (a reader that rechecks after each read, as
 * {@code probe serve} does, so saves the scan's); and a file found stale or malformed is listed so
 * again, without opening or reading either. Any change to a file's
 * content, owner, mode or links changes its change time, and a publisher's rename gives it a new
 * inode, so a changed file is always read and verified again. The directory is opened and checked
 * at every scan. A changed registry of another pid namespace is checked again by the pid where its
 * target was found (its start time and {@code NSpid:}), not by a scan of all of {@code /proc}.
 *
 * <p>Use one scanner per directory for repeated scans ({@code probe serve}), and read a listed
 * registry's targets only after the scan that listed it; {@link AddressRegistry#discover(Path)} is
 * one scan with {@link ScanLimits#DEFAULTS}. Each file read goes through {@link AddressRegistry}'s
 * own loading and verification. Thread-safe: scans run one at a time.
 */
public final class RegistryScanner {

    private static final String SUFFIX = ".registry";
    /**
     * The glob {@code [!.]*.registry} as a plain test: the JDK compiles a glob into a regular
     * expression at every listing and matches each name with it, and a scan lists every round.
     */
    private static final DirectoryStream.Filter<Path> REGISTRY_FILES = p -> {
        String name = p.getFileName().toString();
        return name.length() > SUFFIX.length() && name.charAt(0) != '.' && name.endsWith(SUFFIX);
    };

    private final ScanLimits limits;
    /** What the last scan learnt about each file it looked at, by file. */
    private Map<Path, Known> known = Map.of();
    /** Registries the last scan left waiting for a /proc scan: they go first. */
    private Set<Path> waiting = Set.of();
    /** The last file name the previous scan read, when it could not read them all: the next starts after it. */
    private String cursor = "";
    /** Registry files opened and read so far, for tests: an unchanged file is not opened again. */
    private long filesRead;
    /** {@link System#nanoTime()} at the end of the previous scan. */
    private long lastScanEnd;
    /** Wall-clock milliseconds, as file times are, to tell racy stamps ({@link FileStamp#racyAt}). */
    private final LongSupplier wallClock;
    /** {@link #wallClock} when the current scan started, before it stamped or read anything. */
    private long scanStart;

    /**
     * What a scan learnt about a file as it was at {@code stamp}: its verified registry, or the
     * verdict that stays true while the file is unchanged (stale, malformed); one of the two is null.
     * A {@code racy} stamp ({@link FileStamp#racyAt}) is not trusted: the next scan reads the file again
     * and keeps the registry only if the text says the same.
     */
    private record Known(FileStamp stamp, boolean racy, AddressRegistry registry, Discovery.Skipped verdict) {
    }

    /**
     * Waiting first, then smaller, then by name; written out, without boxing or a chain of
     * comparators: every scan sorts every file.
     */
    private static final Comparator<Candidate> ORDER = (a, b) -> {
        if (a.waited() != b.waited()) {
            return a.waited() ? -1 : 1;
        }
        int bySize = Long.compare(a.size(), b.size());
        return bySize != 0 ? bySize : a.file().compareTo(b.file());
    };

    private record Candidate(Path file, FileStamp stamp, boolean waited) {
        long size() {
            return stamp == null ? 0 : Math.min(stamp.size(), RegistryFiles.MAX_SIZE);
        }
    }

    /** What one scan may still spend. */
    private static final class Budget {
        long bytes;
        int procScans;

        Budget(ScanLimits limits) {
            bytes = limits.maxBytes();
            procScans = limits.maxNamespaceScans();
        }
    }

    /** A scanner that applies {@code limits} to each scan. */
    public RegistryScanner(ScanLimits limits) {
        this(limits, System::currentTimeMillis);
    }

    /** As {@link #RegistryScanner(ScanLimits)}, with the wall clock racy stamps are judged by: tests. */
    RegistryScanner(ScanLimits limits, LongSupplier wallClock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
    }

    /** The limits each scan applies. */
    public ScanLimits limits() {
        return limits;
    }

    /**
     * Loads and verifies the {@code *.registry} files of {@code dir}, within the limits; one bad
     * file never fails the scan but is listed with its reason. A missing directory yields an empty
     * result (nothing published yet). The directory must pass the checks of
     * {@link AddressRegistry#discover(Path)}; it is opened once, and listed and checked through
     * that descriptor.
     *
     * @throws UnsafeRegistryDirectoryException if the directory breaks a safety rule
     * @throws UncheckedIOException if the directory exists but cannot be listed
     */
    public synchronized Discovery scan(Path dir) {
        try (OpenRegistryDirectory d = OpenRegistryDirectory.open(dir)) {
            d.requireReadable();
            return scan(d);
        } catch (NoSuchFileException e) {
            releaseDropped(Map.of());
            known = Map.of();
            return new Discovery(List.of(), List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list registry directory " + SafeText.escape(dir.toString()), e);
        }
    }

    private Discovery scan(OpenRegistryDirectory d) throws IOException {
        // before any stamp is taken or text read: a file is judged racy against when it was read,
        // as git judges index entries against the index file's time; later would miss a write
        // after the read in the same clock tick when reading and verifying took long
        scanStart = wallClock.getAsLong();
        Path dir = d.path();
        List<Path> files = new ArrayList<>();
        int notSelected = select(d, files);
        Budget budget = new Budget(limits);
        List<AddressRegistry> live = new ArrayList<>();
        List<Discovery.Skipped> skipped = new ArrayList<>();
        Map<Path, Known> nowKnown = new HashMap<>();
        Set<Path> nowWaiting = new HashSet<>();
        for (Candidate c : order(d, files)) {
            Known before = known.get(c.file());
            Known trusted = before != null && c.stamp() != null && before.stamp().equals(c.stamp())
                    ? settled(d, c, before) : null;
            if (trusted != null && reuse(d, c, trusted, live, skipped, nowKnown)) {
                continue;
            }
            if (c.size() > budget.bytes) {
                skipped.add(new Discovery.Skipped(c.file(), Discovery.Reason.LIMIT, "registry "
                        + SafeText.escape(c.file().toString()) + " (" + c.size() + " bytes) was not read by this"
                        + " scan: it would pass the " + limits.maxBytes() + " bytes of registry text a scan reads"
                        + " (ScanLimits.maxBytes; probe --max-registry-bytes); smaller files are read first"));
                continue;
            }
            budget.bytes -= c.size();
            load(d, c, budget, live, skipped, nowKnown, nowWaiting);
        }
        if (notSelected > 0) {
            skipped.add(new Discovery.Skipped(dir, Discovery.Reason.LIMIT, notSelected + " more registry files in "
                    + SafeText.escape(dir.toString()) + " were not read by this scan: it reads at most "
                    + limits.maxFiles() + " (ScanLimits.maxFiles; probe --max-registries); the next scans read"
                    + " them in turn"));
        }
        releaseDropped(nowKnown);
        known = nowKnown;
        waiting = nowWaiting;
        lastScanEnd = System.nanoTime();
        live.sort(Comparator.comparing(AddressRegistry::path));
        skipped.sort(Comparator.comparing(Discovery.Skipped::file));
        return new Discovery(live, skipped);
    }

    private void load(OpenRegistryDirectory d, Candidate c, Budget budget, List<AddressRegistry> live,
            List<Discovery.Skipped> skipped, Map<Path, Known> nowKnown, Set<Path> nowWaiting) {
        Path f = c.file();
        NamespaceHint hint = new NamespaceHint(budget);
        AddressRegistry r = null;
        try {
            filesRead++;
            // At most what the listing charged: a file swapped for a larger one since cannot pass the budget.
            r = AddressRegistry.load(f, d, hint, c.size());
            Known before = known.get(f);
            boolean same = before != null && before.registry() != null
                    && before.registry().content().equals(r.content());
            hint.expect(r.content().pid(), same ? before.registry().targetPid() : 0);
            r.verify();
            live.add(r);
            remember(nowKnown, c, r, null);
        } catch (RuntimeException e) {
            Discovery.Skipped s = skip(f, e, nowWaiting);
            if (s != null) {
                skipped.add(s);
                // The text is what it is (malformed) and the process it names will not come back (stale).
                boolean lasting = s.reason() == Discovery.Reason.MALFORMED || s.reason() == Discovery.Reason.STALE;
                remember(nowKnown, c, null, lasting ? s : null);
            }
        }
    }

    /**
     * What the last scan learnt about a file whose stamp has not changed, if it still holds: as it
     * was unless the stamp was racy; then the file is read again (as git re-reads a racy index
     * entry), and the registry is kept, with a new stamp, only if the file still says the same and
     * has the same owner. Null: load the file afresh (a changed text, or a verdict to renew).
     */
    private Known settled(OpenRegistryDirectory d, Candidate c, Known before) {
        if (!before.racy()) {
            return before;
        }
        AddressRegistry r = before.registry();
        if (r == null) {
            return null;
        }
        try {
            filesRead++;
            Path name = c.file().getFileName();
            RegistryFiles.Content now = RegistryFiles.read(c.file(), d.handle().resolve(name), -1, c.size());
            boolean same = now.ownerUid() == r.ownerUid()
                    && RegistryParser.parse(c.file().toString(), now.lines()).equals(r.content());
            return same ? new Known(c.stamp(), c.stamp().racyAt(scanStart), r, null) : null;
        } catch (IOException | RuntimeException e) {
            return null; // loading it reports why
        }
    }

    /**
     * Lists a file unchanged since the last scan as that scan found it, a verified registry after
     * the directory rule and {@link AddressRegistry#recheck()}; returns false if the file must be
     * read again (the registry was refused this time for a reason that may pass).
     */
    private boolean reuse(OpenRegistryDirectory d, Candidate c, Known before, List<AddressRegistry> live,
            List<Discovery.Skipped> skipped, Map<Path, Known> nowKnown) {
        if (before.verdict() != null) {
            skipped.add(before.verdict());
            nowKnown.put(c.file(), before);
            return true;
        }
        AddressRegistry r = before.registry();
        try {
            d.requireTrusted(c.file(), r.ownerUid()); // the directory may have changed owner since
            if (!r.checkedSince(lastScanEnd)) { // else a reader's check after its read has done it since
                r.recheck();
            }
            live.add(r);
            nowKnown.put(c.file(), before);
            return true;
        } catch (StaleRegistryException e) {
            Discovery.Skipped s = skip(c.file(), e, Set.of());
            skipped.add(s);
            remember(nowKnown, c, null, s);
            return true;
        } catch (RuntimeException e) {
            return false; // refused for now (not dumpable, say): read and verified afresh, with the reason
        }
    }

    private void remember(Map<Path, Known> nowKnown, Candidate c, AddressRegistry r, Discovery.Skipped verdict) {
        if (c.stamp() != null && (r != null || verdict != null)) {
            // a file changed just now may change again without a new stamp: read it again next time
            nowKnown.put(c.file(), new Known(c.stamp(), c.stamp().racyAt(scanStart), r, verdict));
        }
    }

    /** Releases the /proc directories of registries this scan no longer lists. */
    private void releaseDropped(Map<Path, Known> nowKnown) {
        for (Map.Entry<Path, Known> e : known.entrySet()) {
            AddressRegistry r = e.getValue().registry();
            Known now = nowKnown.get(e.getKey());
            if (r != null && (now == null || now.registry() != r)) {
                r.release();
            }
        }
    }

    /** The skip entry for a file refused with {@code e}, or null if it is simply gone; rethrows the unexpected. */
    private static Discovery.Skipped skip(Path f, RuntimeException e, Set<Path> nowWaiting) {
        if (e instanceof StaleRegistryException stale) {
            Discovery.Reason reason = stale.check() == StaleRegistryException.Check.PID_NAMESPACE
                    ? Discovery.Reason.FOREIGN : Discovery.Reason.STALE;
            return new Discovery.Skipped(f, reason, e.getMessage());
        }
        if (e instanceof UnsafeRegistryFileException) {
            return new Discovery.Skipped(f, Discovery.Reason.UNSAFE, e.getMessage());
        }
        if (e instanceof RegistryFormatException) {
            return new Discovery.Skipped(f, Discovery.Reason.MALFORMED, e.getMessage());
        }
        if (e instanceof RemoteAccessException) {
            // Checking the program image needs ptrace access (a target this reader may not inspect:
            // PermissionDeniedException) and a sound auxiliary vector; one such target never fails the scan.
            return new Discovery.Skipped(f, Discovery.Reason.UNREADABLE, e.getMessage());
        }
        if (e instanceof UncheckedIOException io) {
            if (io.getCause() instanceof ProcScanLimit limit) {
                nowWaiting.add(f);
                return new Discovery.Skipped(f, Discovery.Reason.LIMIT, "registry " + SafeText.escape(f.toString())
                        + " was not verified by this scan: " + limit.getMessage());
            }
            if (io.getCause() instanceof NoSuchFileException) {
                return null; // removed by its publisher meanwhile
            }
            // The JDK's messages repeat the path as given: neutralise, as the runtime's own are built.
            return new Discovery.Skipped(f, Discovery.Reason.UNREADABLE, SafeText.controls(e.getMessage()));
        }
        throw e;
    }

    /** Registry files opened and read by this scanner so far; an unchanged file is not read again. */
    long filesRead() {
        return filesRead;
    }

    /**
     * Picks at most {@code maxFiles} registry files into {@code out}, in name order from just after
     * the previous scan's last file, wrapping around; memory stays bounded by the limit, however many
     * files the directory holds. Returns how many files were left out.
     */
    private int select(OpenRegistryDirectory dir, List<Path> out) throws IOException {
        int max = limits.maxFiles();
        PriorityQueue<String> after = new PriorityQueue<>(Comparator.reverseOrder());
        PriorityQueue<String> from0 = new PriorityQueue<>(Comparator.reverseOrder());
        int total = 0;
        // Listed through the open directory, so the names are those of the directory just checked.
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir.handle(), REGISTRY_FILES)) {
            for (Path p : ds) {
                total++;
                String name = p.getFileName().toString();
                keepSmallest(name.compareTo(cursor) > 0 ? after : from0, name, max);
            }
        }
        List<String> names = ascending(after);
        for (String name : ascending(from0)) {
            if (names.size() < max) {
                names.add(name);
            }
        }
        cursor = total > max ? names.get(names.size() - 1) : "";
        names.forEach(n -> out.add(dir.path().resolve(n)));
        return total - names.size();
    }

    private static void keepSmallest(PriorityQueue<String> largestFirst, String name, int max) {
        largestFirst.add(name);
        if (largestFirst.size() > max) {
            largestFirst.poll();
        }
    }

    private static List<String> ascending(PriorityQueue<String> q) {
        List<String> out = new ArrayList<>(q);
        out.sort(null);
        return out;
    }

    /** Registries waiting for a /proc scan first, then the smaller files, then by name. */
    private List<Candidate> order(OpenRegistryDirectory d, List<Path> files) {
        List<Candidate> out = new ArrayList<>(files.size());
        for (Path f : files) {
            FileStamp stamp;
            try {
                // Through the checked directory, as the file would be read.
                stamp = FileStamp.of(d, f.getFileName());
            } catch (IOException e) {
                stamp = null; // loading it reports why
            }
            out.add(new Candidate(f, stamp, waiting.contains(f)));
        }
        out.sort(ORDER);
        return out;
    }

    /**
     * Finds a target of another pid namespace for {@link AddressRegistry}: by the pid where the last
     * scan found it, if the registry is unchanged and that process still has the registry's pid in
     * that namespace; else by a scan of all of /proc, while the scan's budget lasts.
     */
    private final class NamespaceHint implements AddressRegistry.NamespaceScan {
        private final Budget budget;
        private int written;
        private int knownPid;

        NamespaceHint(Budget budget) {
            this.budget = budget;
        }

        void expect(int writtenPid, int pidHere) {
            written = writtenPid;
            knownPid = pidHere;
        }

        @Override
        public List<TargetPid.NsProcess> processesIn(long namespace) throws IOException {
            if (knownPid != 0) {
                Optional<TargetPid.NsProcess> p = ProcFacts.inPidNamespace(knownPid, namespace);
                List<Integer> nsPids = p.map(TargetPid.NsProcess::nsPids).orElse(List.of());
                if (!nsPids.isEmpty() && nsPids.get(nsPids.size() - 1) == written) {
                    return List.of(p.get());
                }
            }
            if (budget.procScans == 0) {
                throw new ProcScanLimit("finding its target (pid " + written + " of pid namespace " + namespace
                        + ") needs a scan of /proc, and this scan has made the " + limits.maxNamespaceScans()
                        + " it may (ScanLimits.maxNamespaceScans; probe --max-namespace-scans); it goes first"
                        + " next time");
            }
            budget.procScans--;
            return ProcFacts.inPidNamespace(namespace);
        }
    }

    /** A /proc scan refused by the budget; travels through AddressRegistry as an IOException cause. */
    private static final class ProcScanLimit extends IOException {
        private static final long serialVersionUID = 1L;

        ProcScanLimit(String message) {
            super(message);
        }
    }
}
