/*
 * graph_target: pointer graphs for RemoteGraphTest, built with malloc from the structs the
 * processor generated for GNode and Leaf. Prints the address of each graph's root, then "ready",
 * and waits for "exit" on stdin; "exec" replaces it with sleep(1) (same pid, another image).
 *
 *   list:     1 -> 2 -> 3 -> 4 -> NULL                      (next)
 *   tree:     10 kids {11, 12}; 11 and 12 both have kid 13  (a shared node), leaves on 10 and 13
 *   cycle:    20 -> 21 -> 22 -> 20                           (next)
 *   dangling: 30 kids {31, <unmapped>}, next 32               (the unmapped page was munmap'd)
 * Every node is named "node-<id>", except node 2 (NULL name) and node 3, whose name "edge" ends a
 * page that an unmapped page follows: reading its 32 bytes stops short, after the NUL.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "gnode.h"
#include "leaf.h"

static struct gnode *node(int id) {
    struct gnode *n = calloc(1, sizeof *n);
    if (n == NULL) {
        abort();
    }
    n->id = id;
    n->value = id * 100;
    n->name = malloc(16);
    if (n->name == NULL) {
        abort();
    }
    snprintf(n->name, 16, "node-%d", id);
    return n;
}

static struct leaf *leaf(long tag) {
    struct leaf *l = calloc(1, sizeof *l);
    if (l == NULL) {
        abort();
    }
    l->tag = tag;
    l->weight = tag / 4.0;
    return l;
}

int main(void) {
    struct gnode *list = node(1);
    list->next = node(2);
    list->next->next = node(3);
    list->next->next->next = node(4);

    struct gnode *tree = node(10);
    struct gnode *shared = node(13);
    tree->kids[0] = node(11);
    tree->kids[1] = node(12);
    tree->kids[0]->kids[0] = shared;
    tree->kids[1]->kids[0] = shared;
    tree->leaf = leaf(1000);
    shared->leaf = leaf(1300);

    struct gnode *cycle = node(20);
    cycle->next = node(21);
    cycle->next->next = node(22);
    cycle->next->next->next = cycle;

    long page = sysconf(_SC_PAGESIZE);
    char *edge = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (edge == MAP_FAILED || munmap(edge + page, page) != 0) {
        perror("mmap");
        return 1;
    }
    memcpy(edge + page - 5, "edge", 5);
    char *raw = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED || munmap(raw + page, page) != 0) {
        perror("mmap");
        return 1;
    }
    memset(raw + page - 8, 'x', 8); /* text without a NUL before the mapping ends */
    free(list->next->name);
    list->next->name = NULL;
    free(list->next->next->name);
    list->next->next->name = edge + page - 5;

    void *gone = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (gone == MAP_FAILED || munmap(gone, page) != 0) {
        perror("mmap");
        return 1;
    }
    struct gnode *dangling = node(30);
    dangling->kids[0] = node(31);
    dangling->kids[1] = (struct gnode *) gone;
    dangling->next = node(32);

    printf("list %p\ntree %p\ncycle %p\ndangling %p\ngone %p\nunterminated %p\nready\n", (void *) list,
            (void *) tree, (void *) cycle, (void *) dangling, gone, (void *) (raw + page - 8));
    fflush(stdout);
    char line[64];
    while (fgets(line, sizeof line, stdin) != NULL && strncmp(line, "exit", 4) != 0) {
        if (strncmp(line, "exec", 4) == 0) {
            execlp("sleep", "sleep", "3600", (char *) NULL);
            perror("execlp");
        }
    }
    return 0;
}
