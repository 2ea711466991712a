/*
 * Test target for the registry tests: publishes a World, an array of Players, a read-only World and
 * an entry at an address that is never mapped, then waits until stdin closes and exits normally.
 * Usage: registry_target <dir> <name> [errors | idle]
 * Commands on stdin: undumpable (prctl PR_SET_DUMPABLE 0), exec (a new image that publishes nothing)
 * Build: cc -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -DWORLD_FP=0x...ULL -DPLAYER_FP=0x...ULL
 */
#include "remotestruct.h"

#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

typedef struct World {
    int32_t tick;
    int32_t players;
    double temperature;
    char name[16];
} World;

typedef struct Player {
    int32_t id;
    int32_t hp;
    float x;
    float y;
} Player;

_Static_assert(sizeof(World) == 32, "World is 32 bytes");
_Static_assert(sizeof(Player) == 16, "Player is 16 bytes");

World world = {42, 3, 21.5, "arena"};
Player players[8];
static const World ro_world = {1, 1, 1.0, "read-only"};
static rs_registry reg;

static int check(int rc, const char *what) {
    if (rc < 0) fprintf(stderr, "%s: %d %s\n", what, rc, rs_registry_strerror(&reg));
    return rc;
}

/* Prints what each misuse returns, one "label=rc message" line each. */
static int report_errors(const char *dir) {
    static rs_registry r;
    printf("badname=%d %s\n", rs_registry_begin(&r, dir, "bad name"), rs_registry_strerror(&r));
    rs_registry_begin(&r, dir, "errors");
    printf("null=%d %s\n", rs_registry_add(&r, "w", "World", NULL, 1, 32, 0), rs_registry_strerror(&r));
    printf("count0=%d %s\n", rs_registry_add(&r, "w", "World", &world, 0, 32, 0), rs_registry_strerror(&r));
    printf("type=%d %s\n", rs_registry_add(&r, "w", "9World", &world, 1, 32, 0), rs_registry_strerror(&r));
    rs_registry_add(&r, "w", "World", &world, 1, 32, 0);
    printf("dup=%d %s\n", rs_registry_add(&r, "w", "World", &world, 1, 32, 0), rs_registry_strerror(&r));
    printf("wrap=%d %s\n", rs_registry_add(&r, "x", "World", (void *)(uintptr_t)UINTPTR_MAX, 1, 32, 0),
           rs_registry_strerror(&r));
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 3) return 2;
    if (argc > 3 && strcmp(argv[3], "errors") == 0) return report_errors(argv[1]);
    if (argc > 3 && strcmp(argv[3], "idle") == 0) { /* the image an "exec" command starts: publishes nothing */
        printf("idle\n");
        fflush(stdout);
        char rest[64];
        while (fgets(rest, sizeof rest, stdin)) {
        }
        return 0;
    }
    for (int i = 0; i < 8; i++) {
        players[i].id = i + 1;
        players[i].hp = 100 - i;
        players[i].x = (float)i * 1.5f;
        players[i].y = (float)-i;
    }
    if (check(rs_registry_begin(&reg, argv[1], argv[2]), "begin") < 0
        || check(rs_registry_add(&reg, "world", "World", &world, 1, sizeof world, WORLD_FP), "world") < 0
        || check(rs_registry_add(&reg, "players", "Player", players, 8, sizeof players[0], PLAYER_FP), "players") < 0
        || check(rs_registry_add(&reg, "ro_world", "World", &ro_world, 1, sizeof ro_world, WORLD_FP), "ro") < 0
        /* 0x10000 is at or below mmap_min_addr on Linux, so it is never mapped. */
        || check(rs_registry_add(&reg, "ghost", "World", (void *)0x10000, 1, sizeof(World), WORLD_FP), "ghost") < 0
        || check(rs_registry_commit(&reg), "commit") < 0
        || check(rs_registry_remove_at_exit(&reg), "atexit") < 0)
        return 1;
    printf("ready %s\n", reg.path);
    fflush(stdout);
    char line[64];
    while (fgets(line, sizeof line, stdin)) {
        if (strcmp(line, "exec\n") == 0) { /* same pid and start time, a new image; the registry stays */
            execl("/proc/self/exe", "registry_target", argv[1], argv[2], "idle", (char *)NULL);
            printf("error exec\n");
            fflush(stdout);
        } else if (strcmp(line, "undumpable\n") == 0) {
            printf(prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0 ? "ok\n" : "error prctl\n");
            fflush(stdout);
        }
    }
    return 0;
}
