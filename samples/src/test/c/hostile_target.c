/*
 * A hostile publisher for the probe's limit tests: it maps a huge PROT_READ|MAP_NORESERVE region,
 * which costs it nothing (untouched anonymous memory is never committed), and publishes it as one
 * array of millions of `Player`s, with the real layout fingerprint, so every check a reader makes
 * before reading passes: the file is its own, the process is live, the range is mapped and readable.
 *
 *   hostile_target <registry-dir> <name> <count>
 *
 * prints "ready <registry file>" once published, then waits for EOF on stdin and exits, removing
 * its registry.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "remotestruct.h"
#include "Player.h"

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: hostile_target <registry-dir> <name> <count>\n");
        return 2;
    }
    size_t count = strtoull(argv[3], NULL, 10);
    void *region = mmap(NULL, count * sizeof(struct Player), PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                        -1, 0);
    if (region == MAP_FAILED) {
        fprintf(stderr, "hostile_target: mmap of %zu players: %s\n", count, strerror(errno));
        return 1;
    }
    rs_registry reg;
    int err = rs_registry_begin(&reg, argv[1], argv[2]);
    if (err == 0) err = rs_registry_add(&reg, "players", "Player", region, count, sizeof(struct Player),
                                        PLAYER_FINGERPRINT);
    if (err == 0) err = rs_registry_commit(&reg);
    if (err == 0) err = rs_registry_remove_at_exit(&reg);
    if (err < 0) {
        fprintf(stderr, "hostile_target: %s\n", rs_registry_strerror(&reg));
        return 1;
    }
    printf("ready %s/%s.registry\n", argv[1], argv[2]);
    fflush(stdout);
    while (getchar() != EOF) {
    }
    return 0;
}
