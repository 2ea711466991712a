package org.remotestruct.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
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
import org.remotestruct.RemoteAccessException;
import org.remotestruct.internal.SafeText;

/**
 * Scans a registry directory again and again, each scan within {@link ScanLimits}: a bounded number
 * of files and bytes read and of {@code /proc} scans, whatever the directory holds. What a limit
 * leaves out is listed as {@link Discovery.Reason#LIMIT} and comes first, or in turn, next time.
 *
 * <p>Between scans it remembers where each verified registry of another pid namespace found its
 * target, so an unchanged registry is checked again by that pid alone (its start time and
 * {@code NSpid:}), not by a scan of all of {@code /proc} every round. Use one scanner per directory
 * for repeated scans ({@code probe serve}); {@link AddressRegistry#discover(Path)} is one scan with
 * {@link ScanLimits#DEFAULTS}. Each file goes through {@link AddressRegistry}'s own loading and
 * verification. Thread-safe: scans run one at a time.
 */
public final class RegistryScanner {

    private static final String GLOB = "[!.]*.registry";

    private final ScanLimits limits;
    /** Where each registry the last scan verified found its target. */
    private Map<Path, Found> found = Map.of();
    /** Registries the last scan left waiting for a /proc scan: they go first. */
    private Set<Path> waiting = Set.of();
    /** The last file name the previous scan read, when it could not read them all: the next starts after it. */
    private String cursor = "";

    private record Found(RegistryFile content, int pid) {
    }

    private record Candidate(Path file, long size, boolean waited) {
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
        this.limits = Objects.requireNonNull(limits, "limits");
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
            return new Discovery(List.of(), List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list registry directory " + SafeText.escape(dir.toString()), e);
        }
    }

    private Discovery scan(OpenRegistryDirectory d) throws IOException {
        Path dir = d.path();
        List<Path> files = new ArrayList<>();
        int notSelected = select(d, files);
        Budget budget = new Budget(limits);
        List<AddressRegistry> live = new ArrayList<>();
        List<Discovery.Skipped> skipped = new ArrayList<>();
        Map<Path, Found> nowFound = new HashMap<>();
        Set<Path> nowWaiting = new HashSet<>();
        for (Candidate c : order(files)) {
            if (c.size() > budget.bytes) {
                skipped.add(new Discovery.Skipped(c.file(), Discovery.Reason.LIMIT, "registry "
                        + SafeText.escape(c.file().toString()) + " (" + c.size() + " bytes) was not read by this"
                        + " scan: it would pass the " + limits.maxBytes() + " bytes of registry text a scan reads"
                        + " (ScanLimits.maxBytes; probe --max-registry-bytes); smaller files are read first"));
                continue;
            }
            budget.bytes -= c.size();
            load(d, c, budget, live, skipped, nowFound, nowWaiting);
        }
        if (notSelected > 0) {
            skipped.add(new Discovery.Skipped(dir, Discovery.Reason.LIMIT, notSelected + " more registry files in "
                    + SafeText.escape(dir.toString()) + " were not read by this scan: it reads at most "
                    + limits.maxFiles() + " (ScanLimits.maxFiles; probe --max-registries); the next scans read"
                    + " them in turn"));
        }
        found = nowFound;
        waiting = nowWaiting;
        live.sort(Comparator.comparing(AddressRegistry::path));
        skipped.sort(Comparator.comparing(Discovery.Skipped::file));
        return new Discovery(live, skipped);
    }

    private void load(OpenRegistryDirectory d, Candidate c, Budget budget, List<AddressRegistry> live,
            List<Discovery.Skipped> skipped, Map<Path, Found> nowFound, Set<Path> nowWaiting) {
        Path f = c.file();
        NamespaceHint hint = new NamespaceHint(budget);
        try {
            // At most what the listing charged: a file swapped for a larger one since cannot pass the budget.
            AddressRegistry r = AddressRegistry.load(f, d, hint, c.size());
            Found before = found.get(f);
            hint.expect(r.content().pid(), before != null && before.content().equals(r.content()) ? before.pid() : 0);
            r.verify();
            live.add(r);
            nowFound.put(f, new Found(r.content(), r.targetPid()));
        } catch (StaleRegistryException e) {
            Discovery.Reason reason = e.check() == StaleRegistryException.Check.PID_NAMESPACE
                    ? Discovery.Reason.FOREIGN : Discovery.Reason.STALE;
            skipped.add(new Discovery.Skipped(f, reason, e.getMessage()));
        } catch (UnsafeRegistryFileException e) {
            skipped.add(new Discovery.Skipped(f, Discovery.Reason.UNSAFE, e.getMessage()));
        } catch (RegistryFormatException e) {
            skipped.add(new Discovery.Skipped(f, Discovery.Reason.MALFORMED, e.getMessage()));
        } catch (RemoteAccessException e) {
            // Checking the program image needs ptrace access (a target this reader may not inspect:
            // PermissionDeniedException) and a sound auxiliary vector; one such target never fails the scan.
            skipped.add(new Discovery.Skipped(f, Discovery.Reason.UNREADABLE, e.getMessage()));
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof ProcScanLimit limit) {
                nowWaiting.add(f);
                skipped.add(new Discovery.Skipped(f, Discovery.Reason.LIMIT, "registry " + SafeText.escape(f.toString())
                        + " was not verified by this scan: " + limit.getMessage()));
            } else if (!(e.getCause() instanceof NoSuchFileException)) { // removed by its publisher meanwhile
                // The JDK's messages repeat the path as given: neutralise, as the runtime's own are built.
                skipped.add(new Discovery.Skipped(f, Discovery.Reason.UNREADABLE, SafeText.controls(e.getMessage())));
            }
        }
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
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir.handle(), GLOB)) {
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
    private List<Candidate> order(List<Path> files) {
        List<Candidate> out = new ArrayList<>(files.size());
        for (Path f : files) {
            long size;
            try {
                size = Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).size();
            } catch (IOException e) {
                size = 0; // loading it reports why
            }
            out.add(new Candidate(f, Math.min(size, RegistryFiles.MAX_SIZE), waiting.contains(f)));
        }
        out.sort(Comparator.comparing((Candidate c) -> !c.waited()).thenComparingLong(Candidate::size)
                .thenComparing(Candidate::file));
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
