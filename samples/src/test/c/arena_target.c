/* arena_target: a C program holding one struct fighter of the hand-written arena.h. It prints its
 * pid and the struct's address, then answers commands on stdin:
 *   dump     print every field of the fighter as C sees it, one "name value" per line, then "end"
 *   event    the same for the event
 *   unknown  store 42, which enum fighter_state does not declare, in state
 *   quit     exit
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"

static struct fighter fighter;
static struct arena_event event;

static void dump(void) {
    printf("id %" PRIu32 "\nstate %d\nalive %u\nteam %u\nmood %d\nlevel %u\ninvisible %d\n", fighter.id,
            (int) fighter.state, (unsigned) fighter.alive, (unsigned) fighter.team, (int) fighter.mood,
            (unsigned) fighter.level, (int) fighter.invisible);
    printf("hp %" PRId32 "\nammo %u\nx %.17g\nname %s\nkills %" PRIu64 "\nrank %" PRIu64 "\nend\n", fighter.stat.hp,
            (unsigned) fighter.ammo, fighter.x, fighter.name, (uint64_t) fighter.kills, (uint64_t) fighter.rank);
    fflush(stdout);
}

static void dump_event(void) {
    printf("kind %u\nwhen %" PRIu64 "\ncode %u\ndelta %d\nwhere %.17g\nend\n", (unsigned) event.kind, event.when,
            (unsigned) event.code, (int) event.delta, event.where);
    fflush(stdout);
}

int main(void) {
    fighter.id = 7;
    fighter.state = FS_ATTACKING;
    fighter.alive = 1;
    fighter.team = 5;
    fighter.mood = -3;
    fighter.level = 99;
    fighter.invisible = true;
    fighter.stat.hp = 250;
    fighter.ammo = 0x1234;
    fighter.x = 1.5;
    strcpy(fighter.name, "zorro");
    fighter.kills = (UINT64_C(1) << 39) + 12345;
    fighter.rank = 0xabcdef;
    event.kind = 3;
    event.when = UINT64_C(0x1122334455667788);
    event.code = 0xabc;
    event.delta = -17;
    event.where = -2.25;
    printf("pid %d\nfighter %p\nevent %p\nready\n", (int) getpid(), (void *) &fighter, (void *) &event);
    fflush(stdout);
    char line[64];
    while (fgets(line, sizeof line, stdin) != NULL) {
        if (strncmp(line, "event", 5) == 0) {
            dump_event();
        } else if (strncmp(line, "dump", 4) == 0) {
            dump();
        } else if (strncmp(line, "unknown", 7) == 0) {
            fighter.state = (enum fighter_state) 42;
            printf("ok\n");
            fflush(stdout);
        } else if (strncmp(line, "quit", 4) == 0) {
            break;
        }
    }
    return 0;
}
