/*
 * The floor: what the shapes the Java benchmarks measure cost in plain C on this machine, so the
 * suite can report the library as a ratio to the best the kernel offers, taken minutes apart from
 * (interleaved with) the JMH runs by benchmarks/run-suite.sh.
 *
 * The process forks a child that owns the memory read (a 256-byte struct and 64 separately
 * allocated 128-byte structs, all written by the child so its pages are its own, not shared
 * copy-on-write with the parent), then reads the child the ways a reader can:
 *
 *   readv_256             process_vm_readv, one iovec of 256 bytes
 *   readv_256_cookie      the same plus a leading 16-byte iovec, as remotestruct's identity proof adds
 *   pread_mem_256         pread of 256 bytes on /proc/<child>/mem (fd opened once)
 *   readv_64x128          process_vm_readv of 64 scattered 128-byte structs, 64 iovecs, one call
 *   readv_64x128_cookie   the same plus the leading 16-byte iovec (65 iovecs)
 *   pread_mem_64x128      64 preads on /proc/<child>/mem (what single reads of the 64 would cost)
 *
 * Usage: floor [rounds] [iterations]; defaults 5 and 200000. Each round runs every case for the
 * given iterations after a warm-up of a tenth of them and prints one line per case:
 *   floor <case> <round> <ns per operation>
 * Every read's result is checked (bytes returned and content); a failure exits non-zero, so a
 * number is never printed for a read that did not happen.
 */
#define _GNU_SOURCE
#include <errno.h>
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
/* Gap between scattered structs, so no two share a cache line or, mostly, a page. */
#define STRIDE 4096 + 192

static unsigned char *wide;
static unsigned char *scattered[SCATTERED];
static unsigned char cookie[16];

static pid_t child;
static int mem_fd;

static unsigned char local_wide[WIDE];
static unsigned char local_small[SCATTERED][SMALL];
static unsigned char local_cookie[16];
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

static void allocate(void) {
    wide = aligned_alloc(64, WIDE);
    unsigned char *arena = malloc((size_t) SCATTERED * STRIDE + 64);
    if (wide == NULL || arena == NULL) {
        die("malloc");
    }
    for (int i = 0; i < SCATTERED; i++) {
        /* back to front, so consecutive iovecs do not walk memory in address order */
        scattered[i] = arena + (size_t) (SCATTERED - 1 - i) * STRIDE;
    }
}

/* The child's side: make every page its own by writing it, then wait to be killed. */
static void fill_and_wait(int ready) {
    for (int i = 0; i < WIDE; i++) {
        wide[i] = (unsigned char) i;
    }
    for (int s = 0; s < SCATTERED; s++) {
        memset(scattered[s], s + 1, SMALL);
    }
    for (int i = 0; i < 16; i++) {
        cookie[i] = (unsigned char) (0xa0 + i);
    }
    if (write(ready, "r", 1) != 1) {
        _exit(1);
    }
    for (;;) {
        pause();
    }
}

static void build_iovecs(void) {
    l256[0] = (struct iovec) {local_cookie, 16};
    r256[0] = (struct iovec) {cookie, 16};
    l256[1] = (struct iovec) {local_wide, WIDE};
    r256[1] = (struct iovec) {wide, WIDE};
    l64[0] = (struct iovec) {local_cookie, 16};
    r64[0] = (struct iovec) {cookie, 16};
    for (int s = 0; s < SCATTERED; s++) {
        l64[s + 1] = (struct iovec) {local_small[s], SMALL};
        r64[s + 1] = (struct iovec) {scattered[s], SMALL};
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
    check(pread(mem_fd, local_wide, WIDE, (off_t) (uintptr_t) wide), WIDE, "pread_mem_256");
}

static void readv_64x128(void) {
    check(process_vm_readv(child, &l64[1], SCATTERED, &r64[1], SCATTERED, 0), SCATTERED * SMALL, "readv_64x128");
}

static void readv_64x128_cookie(void) {
    check(process_vm_readv(child, l64, SCATTERED + 1, r64, SCATTERED + 1, 0), 16 + SCATTERED * SMALL,
            "readv_64x128_cookie");
}

static void pread_mem_64x128(void) {
    for (int s = 0; s < SCATTERED; s++) {
        check(pread(mem_fd, local_small[s], SMALL, (off_t) (uintptr_t) scattered[s]), SMALL, "pread_mem_64x128");
    }
}

enum shape { WIDE_STRUCT, SCATTERED_STRUCTS };

/* The bytes a case read must be the child's, not the zeros put there before: proves the reads happened. */
static void verify_content(enum shape shape, const char *name) {
    int ok = 1;
    if (shape == WIDE_STRUCT) {
        for (int i = 0; i < WIDE; i++) {
            ok &= local_wide[i] == (unsigned char) i;
        }
    } else {
        for (int s = 0; s < SCATTERED; s++) {
            ok &= local_small[s][0] == s + 1 && local_small[s][SMALL - 1] == s + 1;
        }
    }
    if (!ok) {
        errno = EIO;
        die(name);
    }
}

struct bench {
    const char *name;
    void (*run)(void);
    enum shape shape;
};

static const struct bench benches[] = {
    {"readv_256", readv_256, WIDE_STRUCT},
    {"readv_256_cookie", readv_256_cookie, WIDE_STRUCT},
    {"pread_mem_256", pread_mem_256, WIDE_STRUCT},
    {"readv_64x128", readv_64x128, SCATTERED_STRUCTS},
    {"readv_64x128_cookie", readv_64x128_cookie, SCATTERED_STRUCTS},
    {"pread_mem_64x128", pread_mem_64x128, SCATTERED_STRUCTS},
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
    int rounds = argc > 1 ? atoi(argv[1]) : 5;
    long iterations = argc > 2 ? atol(argv[2]) : 200000;
    if (rounds < 1 || iterations < 10) {
        fprintf(stderr, "usage: floor [rounds>=1] [iterations>=10]\n");
        return 2;
    }
    allocate();
    int pipefd[2];
    if (pipe(pipefd) != 0) {
        die("pipe");
    }
    child = fork();
    if (child < 0) {
        die("fork");
    }
    if (child == 0) {
        close(pipefd[0]);
        fill_and_wait(pipefd[1]);
    }
    close(pipefd[1]);
    char ready;
    if (read(pipefd[0], &ready, 1) != 1) {
        die("child did not get ready");
    }
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/mem", (int) child);
    mem_fd = open(path, O_RDONLY | O_CLOEXEC);
    if (mem_fd < 0) {
        die(path);
    }
    build_iovecs();
    int n = (int) (sizeof benches / sizeof benches[0]);
    for (int r = 1; r <= rounds; r++) {
        for (int b = 0; b < n; b++) {
            memset(local_wide, 0, sizeof local_wide);
            memset(local_small, 0, sizeof local_small);
            double ns = measure(benches[b].run, iterations);
            verify_content(benches[b].shape, benches[b].name);
            printf("floor %s %d %.1f\n", benches[b].name, r, ns);
            fflush(stdout);
        }
    }
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    return 0;
}
