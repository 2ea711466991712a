package org.remotestruct.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.remotestruct.internal.SafeText;

/**
 * The content of one registry file: who wrote it (pid, start time, boot) and what it published.
 * Two registry files are equal exactly when they carry the same data.
 *
 * @param pid the writer's pid as it saw itself ({@code getpid()})
 * @param startTime the writer's start time in clock ticks since boot ({@code /proc/self/stat} field 22)
 * @param bootId the kernel boot id the writer ran under ({@code /proc/sys/kernel/random/boot_id})
 * @param pidNamespace inode of the writer's pid namespace ({@code pidns} key, the number in
 *     {@code readlink /proc/self/ns/pid}), so a reader in another namespace can find the pid it
 *     means; 0 if the writer did not record it
 * @param processName optional label of the process ({@code name} key), or {@code null}
 * @param image the digest of the writer's program image ({@code image} key: SHA-256 of its
 *     {@code AT_RANDOM} bytes, 64 lowercase hex digits), so a reader can tell that the pid has
 *     exec'd another program since; {@code null} if the writer did not record it
 * @param entries the published entries in file order, names unique
 */
public record RegistryFile(
        int pid, long startTime, String bootId, long pidNamespace, String processName, String image,
        List<RegistryEntry> entries) {

    /**
     * Rejects contents the registry format cannot express.
     *
     * @throws IllegalArgumentException naming the rule broken
     */
    public RegistryFile {
        Objects.requireNonNull(bootId, "bootId");
        entries = List.copyOf(entries);
        String problem = RegistrySyntax.headerProblem(pid, startTime, bootId, pidNamespace, processName);
        if (problem != null) {
            throw new IllegalArgumentException("registry header: " + problem);
        }
        if (image != null && !RegistrySyntax.isImageDigest(image)) {
            throw new IllegalArgumentException("registry header: image must be 64 lowercase hex digits, was "
                    + SafeText.quote(image));
        }
        Map<String, RegistryEntry> seen = new LinkedHashMap<>();
        for (RegistryEntry e : entries) {
            if (seen.put(e.name(), e) != null) {
                throw new IllegalArgumentException("registry: duplicate entry name '" + e.name() + "'");
            }
        }
    }

    /**
     * A registry without an {@code image} key: a reader cannot tell whether its writer has exec'd since.
     *
     * @throws IllegalArgumentException naming the rule broken
     */
    public RegistryFile(int pid, long startTime, String bootId, long pidNamespace, String processName,
            List<RegistryEntry> entries) {
        this(pid, startTime, bootId, pidNamespace, processName, null, entries);
    }

    /**
     * A registry without a {@code pidns} key: its pid is taken to be in the reader's pid namespace.
     *
     * @throws IllegalArgumentException naming the rule broken
     */
    public RegistryFile(int pid, long startTime, String bootId, String processName, List<RegistryEntry> entries) {
        this(pid, startTime, bootId, 0, processName, null, entries);
    }

    /** Whether the writer recorded its pid namespace ({@code pidns} key). */
    public boolean hasPidNamespace() {
        return pidNamespace != 0;
    }

    /** The entry called {@code entryName}, if published. */
    public Optional<RegistryEntry> entry(String entryName) {
        return entries.stream().filter(e -> e.name().equals(entryName)).findFirst();
    }

    /** The digest of the writer's program image ({@code image} key), if the writer recorded it. */
    public Optional<String> imageDigest() {
        return Optional.ofNullable(image);
    }

    /** The process label, if the writer gave one. */
    public Optional<String> label() {
        return Optional.ofNullable(processName);
    }
}
