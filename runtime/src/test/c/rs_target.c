/*
 * Test target for the runtime's integration tests: a real second process whose memory the tests
 * read and write. It prints the addresses of its structs at start-up, then answers one line per
 * command on stdin, so every write is confirmed by what THIS process sees.
 *
 * Commands: show player | show team <i> | edge <n> | dump edge | shared <file> | protnone | undumpable | exec |
 * exec <path> | exit
 *
 * exec replaces the program image with a fresh one of this same binary (same pid, same start time):
 * the new image prints its addresses and 'ready' again. exec <path> runs the program at path instead
 * (a setuid copy of this binary, say), which does the same.
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

struct player {
    int32_t id;          /* 0 */
    int32_t hp;          /* 4 */
    double speed;        /* 8 */
    char name[16];       /* 16 */
    int64_t score;       /* 32 */
    char reserved[600];  /* 40: a gap wider than StructLayout.COALESCE_GAP, so reads use 2 spans */
    int32_t level;       /* 640 */
    int32_t flags;       /* 644 */
};
_Static_assert(sizeof(struct player) == 648, "struct player must be 648 bytes");

#define TEAM 3
#define PATTERN 8192

static struct player player;
static struct player team[TEAM];
static unsigned char pattern[PATTERN];
static unsigned char *edge;
static size_t edge_visible;

static void fill(struct player *p, int id) {
    memset(p, 0, sizeof *p);
    p->id = id;
    p->hp = 100 + id;
    p->speed = 1.5 * id;
    snprintf(p->name, sizeof p->name, "player-%d", id);
    p->score = INT64_C(1000000000000) + id;
    memset(p->reserved, 0xEE, sizeof p->reserved);
    p->level = 10 * id;
    p->flags = 0x5a5a0000 | id;
}

static void show(const char *label, const struct player *p) {
    printf("%s id=%" PRId32 " hp=%" PRId32 " speed=%.3f name=%.16s score=%" PRId64 " level=%" PRId32
           " flags=%" PRId32 "\n", label, p->id, p->hp, p->speed, p->name, p->score, p->level, p->flags);
}

/* Places a struct player so that only its first n bytes can be accessed: the rest runs into the second
 * page of a private, writable two-page mapping of a one-page file (a memfd). /proc/<pid>/maps lists
 * both pages as rw-p, but the second lies past the end of the file, so the kernel cannot fault it in
 * and stops transfers exactly there: the one kind of bad page a write's maps check cannot see. */
static int place_edge(size_t n) {
    long page = sysconf(_SC_PAGESIZE);
    if (n == 0 || n >= sizeof(struct player) || (long)n > page) {
        return -1;
    }
    int fd = memfd_create("rs-edge", MFD_CLOEXEC);
    if (fd < 0 || ftruncate(fd, page) != 0) {
        return -1;
    }
    unsigned char *two = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    close(fd);
    if (two == MAP_FAILED) {
        return -1;
    }
    struct player model;
    fill(&model, 7);
    edge = two + page - n;
    edge_visible = n;
    memcpy(edge, &model, n);
    return 0;
}

/* Maps one page of the file at path MAP_SHARED (a write there would change the file) and puts a
 * struct player at its start; returns its address or NULL. */
static struct player *map_shared(const char *path) {
    int fd = open(path, O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        return NULL;
    }
    void *p = mmap(NULL, (size_t)sysconf(_SC_PAGESIZE), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    return p == MAP_FAILED ? NULL : p;
}

/* Puts a struct player (id 9) at the start of a private page, then takes every permission from that page
 * (PROT_NONE, as guard pages and some allocators' freed memory are); returns its address or NULL. */
static struct player *place_protnone(void) {
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    struct player *p = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        return NULL;
    }
    fill(p, 9);
    return mprotect(p, page, PROT_NONE) == 0 ? p : NULL;
}

int main(void) {
    char line[256];
    setvbuf(stdout, NULL, _IOLBF, 0);
    fill(&player, 1);
    for (int i = 0; i < TEAM; i++) {
        fill(&team[i], 20 + i);
    }
    for (int i = 0; i < PATTERN; i++) {
        pattern[i] = (unsigned char)(i * 7 + 3);
    }
    printf("player %p\nteam %p %d\npattern %p %d\nready\n", (void *)&player, (void *)team, TEAM,
           (void *)pattern, PATTERN);
    while (fgets(line, sizeof line, stdin) != NULL) {
        int i;
        unsigned long n;
        if (strcmp(line, "show player\n") == 0) {
            show("player", &player);
        } else if (sscanf(line, "show team %d", &i) == 1 && i >= 0 && i < TEAM) {
            show("team", &team[i]);
        } else if (sscanf(line, "edge %lu", &n) == 1) {
            if (place_edge(n) == 0) {
                printf("edge %p\n", (void *)edge);
            } else {
                printf("error edge\n");
            }
        } else if (strcmp(line, "dump edge\n") == 0 && edge != NULL) {
            printf("edge ");
            for (size_t k = 0; k < edge_visible; k++) {
                printf("%02x", edge[k]);
            }
            printf("\n");
        } else if (strncmp(line, "shared ", 7) == 0) {
            line[strcspn(line, "\n")] = '\0';
            struct player *shared = map_shared(line + 7);
            printf(shared != NULL ? "shared %p\n" : "error shared\n", (void *)shared);
        } else if (strcmp(line, "protnone\n") == 0) {
            struct player *guarded = place_protnone();
            printf(guarded != NULL ? "protnone %p\n" : "error protnone\n", (void *)guarded);
        } else if (strcmp(line, "undumpable\n") == 0) {
            printf(prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0 ? "ok\n" : "error prctl\n");
        } else if (strcmp(line, "exec\n") == 0) {
            char *const args[] = {"rs_target", NULL};
            execv("/proc/self/exe", args);
            printf("error exec\n");
        } else if (strncmp(line, "exec ", 5) == 0) {
            line[strcspn(line, "\n")] = '\0';
            char *const args[] = {line + 5, NULL};
            execv(line + 5, args);
            printf("error exec\n");
        } else if (strcmp(line, "exit\n") == 0) {
            return 0;
        } else {
            printf("error unknown command\n");
        }
    }
    return 0;
}
