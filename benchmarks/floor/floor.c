/*
 * The floor: what the shapes the Java benchmarks measure cost in plain C on this machine, so the
 * suite can report the library as a ratio to the best the kernel offers, taken minutes apart from
 * (interleaved with) the JMH runs by benchmarks/run-suite.sh.
 *
 * It reads the very target the JMH benchmarks read: it starts bench_target (built from
 * benchmarks/src/main/c/bench_target.c against the headers the processor generates), takes the
 * addresses it prints, and reads the same structs at the same addresses the ways a reader can:
 *
 *   readv_256             process_vm_readv, one iovec of 256 bytes (struct wide)
 *   readv_256_cookie      the same plus a leading 16-byte iovec of the target's AT_RANDOM bytes, the
 *                         identity proof remotestruct adds to every process_vm_readv
 *   pread_mem_256         pread of 256 bytes on /proc/<target>/mem (fd opened once)
 *   readv_64x128          process_vm_readv of the 64 scattered 128-byte struct mediums, 64 iovecs, one call
 *   readv_64x128_cookie   the same plus the leading 16-byte iovec (65 iovecs)
 *   pread_mem_64x128      64 preads on /proc/<target>/mem (what single reads of the 64 would cost)
 *   pread_mem_256_keep    pread_mem_256, then the 256 bytes copied into fresh memory
 *   readv_64x128_keep     readv_64x128_cookie, then each struct copied into fresh memory
 *   keep_64x128           those 64 copies alone, no syscall (what the copies cost without one)
 *
 * The two _keep cases are what a C reader pays to keep each result, as a Java reader keeps each
 * decoded record: the copies go to a bump arena that cycles through 64 MiB, as a JVM's allocations
 * run through its young generation. They are the like-for-like floor for read() and a decoded
 * batch: on a VM whose syscalls flush the TLB (PTI without PCID), any work after a syscall pays
 * for the pages it touches again, and C is not exempt.
 *
 * Usage: floor ROUNDS ITERATIONS BENCH_TARGET. Each round runs every single-struct case ITERATIONS
 * times (the 64-struct ones 4 and 32 times fewer, to take about as long) after a warm-up of a tenth
 * of that, and prints one line per case:
 *   floor <case> <round> <ns per operation>
 * Every read's result is checked (bytes returned, and the bytes equal to what the other transport
 * reads, not zero); a failure exits non-zero, so a number is never printed for a read that did not
 * happen.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define WIDE 256
#define SMALL 128
#define SCATTERED 64
#define AT_RANDOM_TYPE 25

static uintptr_t wide;
static uintptr_t scattered[SCATTERED];
static uintptr_t cookie;

static pid_t child;
static int mem_fd;

static unsigned char local_wide[WIDE];
static unsigned char local_small[SCATTERED][SMALL];
static unsigned char local_cookie[16];
static unsigned char reference_wide[WIDE];
static unsigned char reference_small[SCATTERED][SMALL];
static struct iovec l256[2], r256[2];
static struct iovec l64[SCATTERED + 1], r64[SCATTERED + 1];

static void die(const char *what) {
    fprintf(stderr, "floor: %s: %s\n", what, strerror(errno));
    if (child > 0) {
        kill(child, SIGKILL);
    }
    exit(1);
}

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

/* Starts bench_target with a pipe on its stdin (closing it ends the target) and reads its addresses. */
static void start_target(const char *path) {
    int in[2], out[2];
    if (pipe(in) != 0 || pipe(out) != 0) {
        die("pipe");
    }
    child = fork();
    if (child < 0) {
        die("fork");
    }
    if (child == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        close(in[1]);
        close(out[0]);
        execl(path, path, (char *) NULL);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    FILE *lines = fdopen(out[0], "r");
    char line[4096];
    int got_wide = 0, got_medium = 0;
    while (fgets(line, sizeof line, lines) != NULL && strcmp(line, "ready\n") != 0) {
        if (sscanf(line, "wide %" SCNxPTR, &wide) == 1) {
            got_wide = 1;
        } else if (strncmp(line, "medium ", 7) == 0) {
            char *at = line + 7;
            for (int i = 0; i < SCATTERED; i++) {
                scattered[i] = (uintptr_t) strtoull(at, &at, 16);
            }
            got_medium = scattered[SCATTERED - 1] != 0;
        }
    }
    if (!got_wide || !got_medium) {
        errno = EINVAL;
        die("bench_target printed no 'wide' or no 64 'medium' addresses before 'ready'");
    }
}

/* The address of the target's AT_RANDOM bytes, from /proc/<pid>/auxv (64-bit type/value pairs). */
static void find_cookie(void) {
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/auxv", (int) child);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        die(path);
    }
    uint64_t pair[2];
    while (read(fd, pair, sizeof pair) == sizeof pair && pair[0] != 0) {
        if (pair[0] == AT_RANDOM_TYPE) {
            cookie = (uintptr_t) pair[1];
        }
    }
    close(fd);
    if (cookie == 0) {
        errno = ENOENT;
        die("no AT_RANDOM in the target's auxv");
    }
}

static void build_iovecs(void) {
    l256[0] = (struct iovec) {local_cookie, 16};
    r256[0] = (struct iovec) {(void *) cookie, 16};
    l256[1] = (struct iovec) {local_wide, WIDE};
    r256[1] = (struct iovec) {(void *) wide, WIDE};
    l64[0] = (struct iovec) {local_cookie, 16};
    r64[0] = (struct iovec) {(void *) cookie, 16};
    for (int s = 0; s < SCATTERED; s++) {
        l64[s + 1] = (struct iovec) {local_small[s], SMALL};
        r64[s + 1] = (struct iovec) {(void *) scattered[s], SMALL};
    }
}

static void check(ssize_t got, ssize_t want, const char *what) {
    if (got != want) {
        if (got >= 0) {
            errno = EIO;
        }
        die(what);
    }
}

static void readv_256(void) {
    check(process_vm_readv(child, &l256[1], 1, &r256[1], 1, 0), WIDE, "readv_256");
}

static void readv_256_cookie(void) {
    check(process_vm_readv(child, l256, 2, r256, 2, 0), 16 + WIDE, "readv_256_cookie");
}

static void pread_mem_256(void) {
    check(pread(mem_fd, local_wide, WIDE, (off_t) wide), WIDE, "pread_mem_256");
}

/* Where the _keep cases copy each result: fresh memory, as a JVM's allocations are (see the top). */
#define ARENA ((size_t) 64 << 20)
static unsigned char *arena;
static size_t arena_at;
static unsigned char *kept[SCATTERED];

/* Copies n bytes into the arena's next free place and returns it; wraps at the end. */
static unsigned char *keep(const unsigned char *bytes, size_t n) {
    if (arena_at + n > ARENA) {
        arena_at = 0;
    }
    unsigned char *to = arena + arena_at;
    memcpy(to, bytes, n);
    arena_at += (n + 15) & ~(size_t) 15;
    return to;
}

static void pread_mem_256_keep(void) {
    pread_mem_256();
    kept[0] = keep(local_wide, WIDE);
}

static void readv_64x128(void) {
    check(process_vm_readv(child, &l64[1], SCATTERED, &r64[1], SCATTERED, 0), SCATTERED * SMALL, "readv_64x128");
}

static void readv_64x128_cookie(void) {
    check(process_vm_readv(child, l64, SCATTERED + 1, r64, SCATTERED + 1, 0), 16 + SCATTERED * SMALL,
            "readv_64x128_cookie");
}

static void readv_64x128_keep(void) {
    readv_64x128_cookie();
    for (int s = 0; s < SCATTERED; s++) {
        kept[s] = keep(local_small[s], SMALL);
    }
}

static void keep_64x128(void) {
    for (int s = 0; s < SCATTERED; s++) {
        kept[s] = keep(local_small[s], SMALL);
    }
}

static void pread_mem_64x128(void) {
    for (int s = 0; s < SCATTERED; s++) {
        check(pread(mem_fd, local_small[s], SMALL, (off_t) scattered[s]), SMALL, "pread_mem_64x128");
    }
}

enum shape { WIDE_STRUCT, SCATTERED_STRUCTS, NO_READ };

/*
 * The bytes a case read must be the target's: equal to the reference read over the other
 * transport before the rounds, which must not be all zero. Proves the reads happened.
 */
static void verify_content(enum shape shape, const char *name) {
    if (shape == NO_READ) {
        return;
    }
    int same = shape == WIDE_STRUCT ? memcmp(local_wide, reference_wide, WIDE) == 0
            : memcmp(local_small, reference_small, sizeof local_small) == 0;
    if (!same) {
        errno = EIO;
        die(name);
    }
}

/* The _keep cases' last copies must hold the target's bytes too: proves the copies happened. */
static void verify_kept(void (*run)(void), const char *name) {
    int same = 1;
    if (run == pread_mem_256_keep) {
        same = memcmp(kept[0], reference_wide, WIDE) == 0;
    } else if (run == readv_64x128_keep) {
        for (int s = 0; s < SCATTERED; s++) {
            same &= memcmp(kept[s], reference_small[s], SMALL) == 0;
        }
    }
    if (!same) {
        errno = EIO;
        die(name);
    }
}

static int all_zero(const unsigned char *bytes, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (bytes[i] != 0) {
            return 0;
        }
    }
    return 1;
}

/* Reads both shapes over process_vm_readv and over /proc/<pid>/mem; they must agree and not be zero. */
static void take_references(void) {
    readv_256();
    readv_64x128();
    memcpy(reference_wide, local_wide, WIDE);
    memcpy(reference_small, local_small, sizeof local_small);
    if (all_zero(reference_wide, WIDE) || all_zero((unsigned char *) reference_small, sizeof reference_small)) {
        errno = EIO;
        die("the target's structs read as zeros");
    }
    memset(local_wide, 0, WIDE);
    memset(local_small, 0, sizeof local_small);
    pread_mem_256();
    pread_mem_64x128();
    verify_content(WIDE_STRUCT, "pread of struct wide differs from process_vm_readv");
    verify_content(SCATTERED_STRUCTS, "preads of the mediums differ from process_vm_readv");
}

/* A case, and how much fewer times than ITERATIONS it runs (so every case takes about as long). */
struct bench {
    const char *name;
    void (*run)(void);
    enum shape shape;
    int divisor;
};

static const struct bench benches[] = {
    {"readv_256", readv_256, WIDE_STRUCT, 1},
    {"readv_256_cookie", readv_256_cookie, WIDE_STRUCT, 1},
    {"pread_mem_256", pread_mem_256, WIDE_STRUCT, 1},
    {"readv_64x128", readv_64x128, SCATTERED_STRUCTS, 4},
    {"readv_64x128_cookie", readv_64x128_cookie, SCATTERED_STRUCTS, 4},
    {"pread_mem_64x128", pread_mem_64x128, SCATTERED_STRUCTS, 32},
    {"pread_mem_256_keep", pread_mem_256_keep, WIDE_STRUCT, 1},
    {"readv_64x128_keep", readv_64x128_keep, SCATTERED_STRUCTS, 4},
    {"keep_64x128", keep_64x128, NO_READ, 4},
};

static double measure(void (*run)(void), long iterations) {
    for (long i = 0; i < iterations / 10; i++) {
        run();
    }
    double start = now_ns();
    for (long i = 0; i < iterations; i++) {
        run();
    }
    return (now_ns() - start) / iterations;
}

int main(int argc, char **argv) {
    if (argc != 4 || atoi(argv[1]) < 1 || atol(argv[2]) < 320) {
        fprintf(stderr, "usage: floor ROUNDS(>=1) ITERATIONS(>=320) BENCH_TARGET\n");
        return 2;
    }
    int rounds = atoi(argv[1]);
    long iterations = atol(argv[2]);
    signal(SIGPIPE, SIG_IGN);
    start_target(argv[3]);
    find_cookie();
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/mem", (int) child);
    mem_fd = open(path, O_RDONLY | O_CLOEXEC);
    if (mem_fd < 0) {
        die(path);
    }
    build_iovecs();
    arena = malloc(ARENA);
    if (arena == NULL) {
        die("malloc of the arena");
    }
    memset(arena, 1, ARENA); /* touched once, as the JVMs' pre-touched heaps are */
    take_references();
    int n = (int) (sizeof benches / sizeof benches[0]);
    /* one unprinted pass over every case first: the first pass after the target starts is slower
       (caches, page tables, CPU frequency), as JMH's warm-up iterations are for the Java side */
    for (int b = 0; b < n; b++) {
        measure(benches[b].run, iterations / benches[b].divisor);
    }
    for (int r = 1; r <= rounds; r++) {
        for (int b = 0; b < n; b++) {
            memset(local_wide, 0, sizeof local_wide);
            memset(local_small, 0, sizeof local_small);
            double ns = measure(benches[b].run, iterations / benches[b].divisor);
            verify_content(benches[b].shape, benches[b].name);
            verify_kept(benches[b].run, benches[b].name);
            printf("floor %s %d %.1f\n", benches[b].name, r, ns);
            fflush(stdout);
        }
    }
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    return 0;
}
