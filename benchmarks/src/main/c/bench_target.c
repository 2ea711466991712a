/*
 * Target process for the remotestruct benchmarks: fills a few structs with known values, prints
 * their addresses, then blocks on stdin until the benchmark closes it. It does nothing while being
 * read, so the numbers measure the reader alone.
 *
 * Output, one line each, then "ready":
 *   wide 0x...            struct wide (256 bytes, 16 fields, no padding)
 *   small 0x...           struct small (64 bytes, 10 fields)
 *   block 0x...           struct block (1 KiB: uint64_t seq, even, and 127 words)
 *   array 0x... 64        struct small[64]
 *   scattered 0x... x10   ten struct small allocated one by one (different heap addresses)
 *   medium 0x... x64      64 struct medium (128 bytes), each in its own 64-KiB allocation
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * struct wide and struct small come from the headers the remotestruct processor generates from the
 * Wide and Small records (BenchTarget copies them next to this file), so the C layout and the Java
 * views cannot drift apart: the headers' _Static_asserts check every offset and the size.
 */
#include "wide.h"
#include "small.h"

_Static_assert(WIDE_SIZE == 256, "struct wide must be 256 bytes");
_Static_assert(SMALL_SIZE == 64, "struct small must be 64 bytes");

#define ARRAY_COUNT 64
#define SCATTERED 10

static void fill_small(struct small *s, int64_t id) {
    s->id = id;
    s->hp = (int32_t) (100 + id);
    s->mana = (int32_t) (50 + id);
    s->x = id + 0.25;
    s->y = id + 0.5;
    s->z = id + 0.75;
    s->score = id * 1000;
    s->level = (int32_t) (id % 60);
    s->flags = 0x80000000u | (uint32_t) id;
    s->gold = id * 1.5;
}

static void fill_wide(struct wide *w) {
    memset(w, 0, sizeof *w);
    w->id = 0x0123456789abcdefLL;
    w->hp = 100;
    w->mana = 200;
    w->x = 1.5;
    w->y = -2.5;
    w->z = 3.25;
    w->score = 1234567890123LL;
    w->flags = 0xdeadbeefu;
    w->level = 42;
    w->lastSeen = 1700000000LL;
    for (int i = 0; i < 8; i++) {
        w->kills[i] = i * 11;
        w->cooldowns[i] = i * 0.125;
    }
    strcpy(w->name, "benchmark-wide");
    w->guild = 7;
    w->gold = 99.75;
    w->xp = 123456;
}

/* ---- ScatteredBatchBenchmark: 64 struct medium, far apart --------------------------------- */

#include "medium.h"

_Static_assert(MEDIUM_SIZE == 128, "struct medium must be 128 bytes");

#define MEDIUM_COUNT 64
/* each struct in an allocation of its own this large: no two share a page, as scattered game objects */
#define MEDIUM_SPACING (64 * 1024)

static void fill_medium(struct medium *m, int64_t id) {
    memset(m, 0, sizeof *m);
    m->id = id;
    m->hp = (int32_t) (100 + id);
    m->mana = (int32_t) (50 + id);
    m->x = id + 0.25;
    m->y = id + 0.5;
    m->z = id + 0.75;
    m->score = id * 1000;
    m->level = (int32_t) (id % 60);
    m->flags = 0x80000000u | (uint32_t) id;
    m->gold = id * 1.5;
    m->lastSeen = 1700000000LL + id;
    m->guild = id % 7;
    m->xp = id * 10;
    m->vx = -id;
    m->vy = id * 2.0;
    m->vz = id * 0.125;
    m->kills = id * 3;
    m->deaths = id * 2;
}

/* Allocates and fills the 64 structs and prints "medium 0x... x64"; 0 on success. */
static int print_scattered_medium(void) {
    printf("medium");
    for (int i = 0; i < MEDIUM_COUNT; i++) {
        struct medium *m = aligned_alloc(4096, MEDIUM_SPACING);
        if (m == NULL) {
            perror("aligned_alloc");
            return 1;
        }
        fill_medium(m, 3000 + i);
        printf(" %p", (void *) m);
    }
    printf("\n");
    return 0;
}

/* ---- end of ScatteredBatchBenchmark's block ---------------------------------------------- */

int main(void) {
    static struct wide wide;
    static struct small small;
    /* struct block of Block.java / SequencedBlock.java: seq even (never updated), every word 1 */
    static struct {
        uint64_t seq;
        uint64_t words[127];
    } block = {.seq = 2};
    static struct small array[ARRAY_COUNT];
    struct small *scattered[SCATTERED];

    fill_wide(&wide);
    fill_small(&small, 1);
    for (int i = 0; i < ARRAY_COUNT; i++) {
        fill_small(&array[i], 1000 + i);
    }
    for (int i = 0; i < SCATTERED; i++) {
        /* 4 KiB apart at least, so no two share a cache line or a page */
        scattered[i] = aligned_alloc(4096, 4096);
        if (scattered[i] == NULL) {
            perror("aligned_alloc");
            return 1;
        }
        fill_small(scattered[i], 2000 + i);
    }

    printf("wide %p\n", (void *) &wide);
    printf("small %p\n", (void *) &small);
    for (int i = 0; i < 127; i++) {
        block.words[i] = 1;
    }
    printf("block %p\n", (void *) &block);
    printf("array %p %d\n", (void *) array, ARRAY_COUNT);
    printf("scattered");
    for (int i = 0; i < SCATTERED; i++) {
        printf(" %p", (void *) scattered[i]);
    }
    printf("\n");
    if (print_scattered_medium() != 0) {
        return 1;
    }
    printf("ready\n");
    fflush(stdout);

    char buf[64];
    while (read(0, buf, sizeof buf) > 0) {
        /* block until the reader closes our stdin */
    }
    return 0;
}

/* ---- graph block (GraphReadBenchmark): a 3-level tree of malloc'd struct bnode ----------------
 * Prints "graph 0x..." (the root) before main's lines, from a constructor, so main stays as it is:
 * 1 root, 8 children, 64 grandchildren, each allocated on its own (different heap addresses). */
#include "bnode.h"

#define GRAPH_FANOUT 8

static struct bnode *graph_node(int64_t id) {
    struct bnode *n = calloc(1, sizeof *n);
    if (n == NULL) {
        perror("calloc");
        exit(1);
    }
    n->id = id;
    n->value = id / 2.0;
    return n;
}

__attribute__((constructor)) static void graph_build(void) {
    struct bnode *root = graph_node(0);
    int64_t next = 1;
    for (int i = 0; i < GRAPH_FANOUT; i++) {
        root->kids[i] = graph_node(next++);
        for (int j = 0; j < GRAPH_FANOUT; j++) {
            root->kids[i]->kids[j] = graph_node(next++);
        }
    }
    printf("graph %p\n", (void *) root);
}
/* ---- end of graph block ---- */
