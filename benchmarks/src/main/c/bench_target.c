/*
 * Target process for the remotestruct benchmarks: fills a few structs with known values, prints
 * their addresses, then blocks on stdin until the benchmark closes it. It does nothing while being
 * read, so the numbers measure the reader alone.
 *
 * Output, one line each, then "ready":
 *   wide 0x...            struct wide (256 bytes, 16 fields, no padding)
 *   small 0x...           struct small (64 bytes, 10 fields)
 *   array 0x... 64        struct small[64]
 *   scattered 0x... x10   ten struct small allocated one by one (different heap addresses)
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

int main(void) {
    static struct wide wide;
    static struct small small;
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
    printf("array %p %d\n", (void *) array, ARRAY_COUNT);
    printf("scattered");
    for (int i = 0; i < SCATTERED; i++) {
        printf(" %p", (void *) scattered[i]);
    }
    printf("\nready\n");
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
