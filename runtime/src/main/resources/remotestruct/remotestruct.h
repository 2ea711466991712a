/*
 * remotestruct.h - publish where a C program's structs live, for remotestruct readers.
 *
 * Single header, no library to link: every function is static inline. Shipped in the runtime jar:
 *   unzip -p remotestruct-runtime.jar remotestruct/remotestruct.h > remotestruct.h
 * Needs POSIX.1-2008: compile with -D_GNU_SOURCE or -D_POSIX_C_SOURCE=200809L (the default gnu11
 * mode already has it), e.g.  cc -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror game.c
 *
 *   static rs_registry reg;                      // ~27 KiB: keep it static or global
 *   rs_registry_begin(&reg, NULL, "game");       // NULL: default directory (see below)
 *   rs_registry_add(&reg, "world", "World", &world, 1, sizeof(World), WORLD_FINGERPRINT);
 *   rs_registry_add(&reg, "players", "Player", players, 64, sizeof(Player), PLAYER_FINGERPRINT);
 *   if (rs_registry_commit(&reg) < 0) fprintf(stderr, "%s\n", rs_registry_strerror(&reg));
 *   rs_registry_remove_at_exit(&reg);            // or rs_registry_remove(&reg) before exiting
 *
 * Every function returns 0 or a negative errno value; rs_registry_strerror() then says what failed.
 * The file format and the rules are in docs/registry-format.md; this header is one writer of it.
 * Publish only memory that lives as long as the registry: globals, statics, never-freed heap blocks.
 */
#ifndef REMOTESTRUCT_H
#define REMOTESTRUCT_H

#if !defined(_GNU_SOURCE) && !defined(_POSIX_C_SOURCE) && !defined(_XOPEN_SOURCE) && !defined(_DEFAULT_SOURCE)
#define _POSIX_C_SOURCE 200809L /* effective only if this header is included first */
#endif

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#if !defined(O_CLOEXEC) || !defined(O_NOFOLLOW) || !defined(O_DIRECTORY)
#error "remotestruct.h needs POSIX.1-2008: compile with -D_GNU_SOURCE or -D_POSIX_C_SOURCE=200809L"
#endif

#ifndef RS_REGISTRY_MAX_ENTRIES
#define RS_REGISTRY_MAX_ENTRIES 64 /* define before including to publish more */
#endif
#define RS_REGISTRY_NAME_MAX 128
#define RS_REGISTRY_PATH_MAX 4096
#define RS_REGISTRY_ENV "REMOTESTRUCT_REGISTRY_DIR"

typedef struct rs_registry_entry {
    char name[RS_REGISTRY_NAME_MAX + 1];
    char type[RS_REGISTRY_NAME_MAX + 1];
    uint64_t address;
    uint64_t count;
    uint64_t size;
    uint64_t fingerprint;
} rs_registry_entry;

typedef struct rs_registry {
    char dir[RS_REGISTRY_PATH_MAX];
    char path[RS_REGISTRY_PATH_MAX];
    char name[RS_REGISTRY_NAME_MAX + 1];
    char error[512];
    int count;
    int published;
    /* The file this process wrote, so remove never deletes a successor's file at the same path. */
    dev_t dev;
    ino_t ino;
    rs_registry_entry entries[RS_REGISTRY_MAX_ENTRIES];
} rs_registry;

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static inline int rs__fail(rs_registry *r, int err, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->error, sizeof r->error, fmt, ap);
    va_end(ap);
    return -err;
}

/* Entry names and process labels: 1-128 of A-Z a-z 0-9 _ . : -; type names: a C identifier. */
static inline int rs__valid_name(const char *s, int c_identifier) {
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > RS_REGISTRY_NAME_MAX) return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        int alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        if (c_identifier ? !alnum || (i == 0 && c >= '0' && c <= '9') : !alnum && !strchr(".:-", c)) return 0;
    }
    return 1;
}

/** The text of a small file into buf (NUL-terminated); bytes read or a negative errno. */
static inline ssize_t rs__read_small(const char *path, char *buf, size_t cap) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -errno;
    ssize_t n = read(fd, buf, cap - 1);
    int err = errno;
    close(fd);
    if (n < 0) return -err;
    buf[n] = '\0';
    return n;
}

/** Field 22 of /proc/self/stat; counted after the last ')' since the command name may hold spaces. */
static inline int rs__start_time(unsigned long long *out) {
    char buf[1024];
    ssize_t n = rs__read_small("/proc/self/stat", buf, sizeof buf);
    if (n < 0) return (int)n; /* not -errno: close() may have changed it, and 0 would read *out unset */
    char *p = strrchr(buf, ')');
    if (!p) return -EPROTO;
    for (int field = 2; field < 22; field++) { /* p at the space before field (field + 1) */
        p = strchr(p + 1, ' ');
        if (!p) return -EPROTO;
    }
    *out = strtoull(p + 1, NULL, 10);
    return 0;
}

/*
 * Inode of this process's pid namespace, from readlink /proc/self/ns/pid ("pid:[4026531836]"), or 0
 * when it cannot be read (no /proc, kernel before 3.8): the registry then omits its optional pidns key.
 */
static inline unsigned long long rs__pid_namespace(void) {
    char link[64];
    ssize_t n = readlink("/proc/self/ns/pid", link, sizeof link - 1);
    if (n <= 5 || strncmp(link, "pid:[", 5) != 0) return 0;
    link[n] = '\0';
    char *end = NULL;
    int saved = errno;
    errno = 0;
    unsigned long long ns = strtoull(link + 5, &end, 10);
    int bad = errno != 0 || end == link + 5 || strcmp(end, "]") != 0 || ns > 0xffffffffULL;
    errno = saved;
    return bad ? 0 : ns;
}

static inline uint64_t rs__fnv1a(const char *s, size_t n) {
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* SHA-256 (FIPS 180-4) of n bytes: used only for the image key, a one-way digest of AT_RANDOM. */
static inline uint32_t rs__ror(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

static inline void rs__sha256(const unsigned char *msg, size_t n, unsigned char out[32]) {
    static const uint32_t k[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
    uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
                     0x5be0cd19};
    size_t padded = (n + 9 + 63) / 64 * 64; /* message, 0x80, zeros, 64-bit big-endian bit length */
    for (size_t off = 0; off < padded; off += 64) {
        uint32_t w[64];
        for (int i = 0; i < 64; i++) {
            size_t p = off + (size_t)i;
            unsigned char b = p < n ? msg[p] : p == n ? 0x80
                : p >= padded - 8 ? (unsigned char)(((uint64_t)n * 8) >> (8 * (padded - 1 - p))) : 0;
            if (i % 4 == 0) w[i / 4] = 0;
            w[i / 4] |= (uint32_t)b << (8 * (3 - i % 4));
        }
        for (int i = 16; i < 64; i++) {
            uint32_t s0 = rs__ror(w[i - 15], 7) ^ rs__ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
            uint32_t s1 = rs__ror(w[i - 2], 17) ^ rs__ror(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        uint32_t v[8];
        memcpy(v, h, sizeof v);
        for (int i = 0; i < 64; i++) {
            uint32_t t1 = v[7] + (rs__ror(v[4], 6) ^ rs__ror(v[4], 11) ^ rs__ror(v[4], 25))
                + ((v[4] & v[5]) ^ (~v[4] & v[6])) + k[i] + w[i];
            uint32_t t2 = (rs__ror(v[0], 2) ^ rs__ror(v[0], 13) ^ rs__ror(v[0], 22))
                + ((v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]));
            memmove(v + 1, v, 7 * sizeof v[0]);
            v[4] += t1;
            v[0] = t1 + t2;
        }
        for (int i = 0; i < 8; i++) h[i] += v[i];
    }
    for (int i = 0; i < 32; i++) out[i] = (unsigned char)(h[i / 4] >> (8 * (3 - i % 4)));
}

/*
 * The image key: SHA-256 of "remotestruct-image-v1\n" and the 16 random bytes the kernel gave this
 * program image (AT_RANDOM), as 64 hex digits. A reader compares it with the live process, so a
 * registry of a process that has since exec'd another program is refused. One-way, because glibc
 * derives the stack canary and pointer guard from those bytes. Returns 0, or -1 without AT_RANDOM.
 */
static inline int rs__image_digest(char hex[65]) {
    const unsigned char *random = (const unsigned char *)getauxval(AT_RANDOM);
    if (random == NULL) return -1;
    unsigned char msg[22 + 16], digest[32];
    memcpy(msg, "remotestruct-image-v1\n", 22);
    memcpy(msg + 22, random, 16);
    rs__sha256(msg, sizeof msg, digest);
    for (int i = 0; i < 32; i++) snprintf(hex + 2 * i, 3, "%02x", digest[i]);
    return 0;
}

/**
 * Starts a registry called name (the process label and file name: <dir>/<name>.registry).
 * dir NULL means $REMOTESTRUCT_REGISTRY_DIR, else /run/remotestruct as root, else
 * $XDG_RUNTIME_DIR/remotestruct. Nothing is written before rs_registry_commit.
 */
static inline int rs_registry_begin(rs_registry *r, const char *dir, const char *name) {
    memset(r, 0, sizeof *r);
    if (!rs__valid_name(name, 0))
        return rs__fail(r, EINVAL, "registry name must be 1-128 of A-Z a-z 0-9 _ . : -");
    const char *env = getenv(RS_REGISTRY_ENV), *xdg = getenv("XDG_RUNTIME_DIR");
    int n;
    if (dir) n = snprintf(r->dir, sizeof r->dir, "%s", dir);
    else if (env && *env) n = snprintf(r->dir, sizeof r->dir, "%s", env);
    else if (geteuid() == 0) n = snprintf(r->dir, sizeof r->dir, "/run/remotestruct");
    else if (xdg && *xdg) n = snprintf(r->dir, sizeof r->dir, "%s/remotestruct", xdg);
    else return rs__fail(r, ENOENT, "no registry directory: pass one, or set " RS_REGISTRY_ENV " or XDG_RUNTIME_DIR");
    if (n < 0 || (size_t)n >= sizeof r->dir
        || (size_t)snprintf(r->path, sizeof r->path, "%s/%s.registry", r->dir, name) >= sizeof r->path)
        return rs__fail(r, ENAMETOOLONG, "registry path too long");
    strcpy(r->name, name);
    return 0;
}

/** Adds count structs of sizeof size at address, of C type type with its layout fingerprint. */
static inline int rs_registry_add(rs_registry *r, const char *name, const char *type, const volatile void *address,
                                  size_t count, size_t size, uint64_t fingerprint) {
    if (!rs__valid_name(name, 0)) return rs__fail(r, EINVAL, "entry name must be 1-128 of A-Z a-z 0-9 _ . : -");
    if (!rs__valid_name(type, 1)) return rs__fail(r, EINVAL, "entry '%s': type name must be a C identifier", name);
    if (!address) return rs__fail(r, EINVAL, "entry '%s': address is NULL", name);
    if (count < 1 || size < 1 || count > INT32_MAX || size > INT32_MAX)
        return rs__fail(r, ERANGE, "entry '%s': count and size must be 1..2^31-1", name);
    uint64_t addr = (uint64_t)(uintptr_t)address, bytes = (uint64_t)count * (uint64_t)size;
    if (bytes > UINT64_MAX - addr) return rs__fail(r, ERANGE, "entry '%s': range wraps past 2^64", name);
    for (int i = 0; i < r->count; i++)
        if (strcmp(r->entries[i].name, name) == 0) return rs__fail(r, EEXIST, "entry '%s' added twice", name);
    if (r->count == RS_REGISTRY_MAX_ENTRIES)
        return rs__fail(r, ENOSPC, "more than %d entries; define RS_REGISTRY_MAX_ENTRIES", RS_REGISTRY_MAX_ENTRIES);
    rs_registry_entry *e = &r->entries[r->count++];
    strcpy(e->name, name);
    strcpy(e->type, type);
    e->address = addr;
    e->count = count;
    e->size = size;
    e->fingerprint = fingerprint;
    return 0;
}

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
/* Appends to buf[*len..cap); -1 if it would not fit, so a too-small buffer can never be overrun. */
static inline int rs__append(char *buf, size_t cap, size_t *len, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + *len, cap - *len, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= cap - *len) return -1;
    *len += (size_t)n;
    return 0;
}

/** Formats the whole registry text into a malloc'd buffer (*out), returning its length or -errno. */
static inline long rs__format(rs_registry *r, char **out) {
    unsigned long long start = 0; /* set on success; initialised so no inlining context warns */
    char boot[64];
    int err = rs__start_time(&start);
    if (err < 0) return rs__fail(r, -err, "cannot read start time from /proc/self/stat");
    if (rs__read_small("/proc/sys/kernel/random/boot_id", boot, sizeof boot) != 37)
        return rs__fail(r, EPROTO, "cannot read /proc/sys/kernel/random/boot_id");
    boot[36] = '\0';
    size_t cap = 512 + (size_t)r->count * (2 * RS_REGISTRY_NAME_MAX + 128), len = 0;
    char *buf = malloc(cap);
    if (!buf) return rs__fail(r, ENOMEM, "out of memory");
    unsigned long long pidns = rs__pid_namespace();
    int bad = rs__append(buf, cap, &len, "remotestruct-registry 1\npid %ld\nstarttime %llu\nbootid %s\n",
                         (long)getpid(), start, boot);
    if (!bad && pidns != 0) bad = rs__append(buf, cap, &len, "pidns %llu\n", pidns);
    char image[65];
    if (!bad && rs__image_digest(image) == 0) bad = rs__append(buf, cap, &len, "image %s\n", image);
    if (!bad) bad = rs__append(buf, cap, &len, "name %s\n", r->name);
    for (int i = 0; i < r->count && !bad; i++) {
        rs_registry_entry *e = &r->entries[i];
        bad = rs__append(buf, cap, &len, "entry %s %s 0x%" PRIx64 " %" PRIu64 " %" PRIu64 " %016" PRIx64 "\n", e->name,
                         e->type, e->address, e->count, e->size, e->fingerprint);
    }
    if (!bad) bad = rs__append(buf, cap, &len, "end %d %016" PRIx64 "\n", r->count, rs__fnv1a(buf, len));
    if (bad) {
        free(buf);
        return rs__fail(r, EOVERFLOW, "registry text exceeds its %zu-byte buffer (a bug in remotestruct.h)", cap);
    }
    *out = buf;
    return (long)len;
}

static inline int rs__write_all(int fd, const char *buf, size_t len) {
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return -errno;
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

/*
 * Opens r->dir, creating it if missing, and checks it may be published into: owned by this process's
 * effective uid or root, and not group- or world-writable. Anyone else who could write there could
 * replace or remove the registry, or (in a sticky shared directory such as /tmp) take its name first.
 * O_NOFOLLOW|O_DIRECTORY and fstat check what was opened, and the file is then written relative to
 * that descriptor, so swapping the path afterwards changes nothing. A directory created here gets mode
 * 0755 whatever the umask: readers of another uid holding CAP_SYS_PTRACE must list it, and the
 * registry (0644 itself) holds only addresses. Returns the descriptor or a negative errno.
 */
static inline int rs__open_dir(rs_registry *r) {
    int created = mkdir(r->dir, 0755) == 0;
    if (!created && errno != EEXIST) return rs__fail(r, errno, "cannot create %s: %s", r->dir, strerror(errno));
    int dfd = open(r->dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    if (dfd < 0 && (errno == ENOTDIR || errno == ELOOP)) /* with O_DIRECTORY a link gives ENOTDIR */
        return rs__fail(r, errno, "cannot publish into %s: %s; pass the directory itself", r->dir,
                        lstat(r->dir, &st) == 0 && S_ISLNK(st.st_mode) ? "it is a symbolic link" : "not a directory");
    if (dfd < 0) return rs__fail(r, errno, "cannot open %s: %s", r->dir, strerror(errno));
    if (fstat(dfd, &st) < 0) {
        int err = errno;
        close(dfd);
        return rs__fail(r, err, "cannot stat %s: %s", r->dir, strerror(err));
    }
    uid_t me = geteuid();
    unsigned mode = (unsigned)st.st_mode & 07777;
    int foreign = st.st_uid != me && st.st_uid != 0;
    const char *problem = foreign         ? "owned by another user, who could replace or remove the registry"
                          : !(mode & 022) ? NULL
                          : (mode & 01000) ? "group- or world-writable, so another user could take the registry's name first"
                                           : "group- or world-writable, so another user could replace or remove the registry";
    if (problem) {
        close(dfd);
        return rs__fail(r, EPERM, "refusing to publish into %s (owner uid %u, mode %04o): %s; %suse a directory owned by "
                        "uid %u that no one else may write, e.g. $XDG_RUNTIME_DIR/remotestruct or one from mktemp -d",
                        r->dir, (unsigned)st.st_uid, mode, problem, foreign ? "" : "chmod go-w it, or ", (unsigned)me);
    }
    if (created && st.st_uid == me && fchmod(dfd, 0755) < 0) {
        int err = errno;
        close(dfd);
        return rs__fail(r, err, "cannot chmod %s: %s", r->dir, strerror(err));
    }
    return dfd;
}

/** Writes a temp file in the open directory dfd, makes it durable, and moves it over the old one. */
static inline int rs__replace(rs_registry *r, int dfd, const char *text, size_t len) {
    char tmp[RS_REGISTRY_NAME_MAX + 64], final[RS_REGISTRY_NAME_MAX + 16];
    snprintf(tmp, sizeof tmp, ".%s.registry.tmp.%ld", r->name, (long)getpid());
    snprintf(final, sizeof final, "%s.registry", r->name);
    unlinkat(dfd, tmp, 0); /* left by a crashed earlier process with this pid; O_EXCL below refuses anything else */
    int fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) return rs__fail(r, errno, "cannot create %s/%s: %s", r->dir, tmp, strerror(errno));
    struct stat st;
    int err = fchmod(fd, 0644) < 0 ? -errno : rs__write_all(fd, text, len);
    if (err == 0 && fsync(fd) < 0) err = -errno;
    if (err == 0 && fstat(fd, &st) < 0) err = -errno;
    if (close(fd) < 0 && err == 0) err = -errno;
    if (err == 0 && renameat(dfd, tmp, dfd, final) < 0) err = -errno;
    if (err < 0) {
        unlinkat(dfd, tmp, 0);
        return rs__fail(r, -err, "cannot write %s: %s", r->path, strerror(-err));
    }
    r->dev = st.st_dev;
    r->ino = st.st_ino;
    r->published = 1; /* the file is visible now: remove it later even if the dir fsync below fails */
    if (fsync(dfd) < 0) /* the rename is durable only once the dir is */
        return rs__fail(r, errno, "cannot fsync %s: %s", r->dir, strerror(errno));
    return 0;
}

/**
 * Publishes (or republishes) every entry added so far, atomically: readers see old or new, never half.
 * The directory must be owned by this process's effective uid or root and writable by no one else
 * (-EPERM otherwise); a missing one is created with mode 0755.
 * If only the final directory fsync fails, the file is already visible: rs_registry_remove removes it.
 */
static inline int rs_registry_commit(rs_registry *r) {
    if (r->name[0] == '\0') return rs__fail(r, EINVAL, "rs_registry_begin did not succeed");
    int dfd = rs__open_dir(r);
    if (dfd < 0) return dfd;
    char *text = NULL;
    long len = rs__format(r, &text);
    int err = len < 0 ? (int)len : rs__replace(r, dfd, text, (size_t)len);
    free(text);
    close(dfd);
    return err;
}

/** Removes the published file, unless another process has since replaced it with its own. */
static inline int rs_registry_remove(rs_registry *r) {
    struct stat st;
    if (!r->published) return 0;
    r->published = 0;
    if (lstat(r->path, &st) < 0)
        return errno == ENOENT ? 0 : rs__fail(r, errno, "cannot stat %s: %s", r->path, strerror(errno));
    if (st.st_dev != r->dev || st.st_ino != r->ino) return 0;
    if (unlink(r->path) < 0) return rs__fail(r, errno, "cannot remove %s: %s", r->path, strerror(errno));
    return 0;
}

static rs_registry *rs__exit_registry;

static inline void rs__remove_at_exit(void) {
    if (rs__exit_registry) rs_registry_remove(rs__exit_registry);
}

/** Calls rs_registry_remove(r) from atexit(3), i.e. on return from main or exit(); one registry only. */
static inline int rs_registry_remove_at_exit(rs_registry *r) {
    if (rs__exit_registry && rs__exit_registry != r)
        return rs__fail(r, EBUSY, "another registry is already removed at exit");
    if (!rs__exit_registry && atexit(rs__remove_at_exit) != 0) return rs__fail(r, ENOMEM, "atexit failed");
    rs__exit_registry = r;
    return 0;
}

/** What the last failing call on r did wrong, with the file involved and the system error. */
static inline const char *rs_registry_strerror(const rs_registry *r) {
    return r->error;
}

/*
 * Seqlock writer protocol (docs/snapshots.md) for a struct declared @RemoteStruct(sequence = "seq"),
 * seq a uint32_t or uint64_t member starting at 0: bracket every update, and remotestruct readers
 * (and this program's own, with rs_seq_read_*) accept only snapshots taken between two updates.
 *
 *   rs_seq_begin(&world.seq);     // seq odd: an update is in progress
 *   world.tick++; world.players = n;
 *   rs_seq_end(&world.seq);       // seq even again, after every store above
 *
 * One writer at a time: serialize writers with a lock of your own. Keep updates short and leave
 * pauses between them; a reader gives up after a bounded number of tries. The fence after the odd
 * store keeps the update's stores after it (Linux's write_seqcount_begin uses smp_wmb() there);
 * the release store of the even value keeps them before it.
 */
#define rs_seq_begin(seq)                                                     \
    do {                                                                      \
        __typeof__(*(seq)) rs__seq = __atomic_load_n((seq), __ATOMIC_RELAXED); \
        __atomic_store_n((seq), rs__seq + 1, __ATOMIC_RELAXED);               \
        __atomic_thread_fence(__ATOMIC_RELEASE);                              \
    } while (0)

#define rs_seq_end(seq) __atomic_store_n((seq), __atomic_load_n((seq), __ATOMIC_RELAXED) + 1, __ATOMIC_RELEASE)

/*
 * The reader side, for this program's own threads:
 *   uint64_t s;
 *   do { s = rs_seq_read_begin(&world.seq); copy = world; } while (rs_seq_read_retry(&world.seq, s));
 */
#define rs_seq_read_begin(seq) __atomic_load_n((seq), __ATOMIC_ACQUIRE)
#define rs_seq_read_retry(seq, start) \
    (__atomic_thread_fence(__ATOMIC_ACQUIRE), ((start) & 1) != 0 || __atomic_load_n((seq), __ATOMIC_RELAXED) != (start))

#endif /* REMOTESTRUCT_H */
