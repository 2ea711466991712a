/* arena.h: one fighter of a small arena game, as its C code declares it. Written by hand, not
 * generated: org.remotestruct.samples.arena.Fighter mirrors it with @RemoteStruct(header =
 * "arena.h"), and the samples build compiles target/generated-headers/fighter_check.c against
 * this file, so the record and this header cannot drift apart. */
#ifndef ARENA_H
#define ARENA_H

#include <stdbool.h>
#include <stdint.h>

enum fighter_state {
    FS_IDLE = 0,
    FS_ATTACKING = 1,
    FS_BLOCKING = 2,
    FS_DEAD = 7
};

/* What a fighter's class counts: warriors hit points, mages a shield, rogues charges. */
union fighter_stat {
    int32_t hp;
    float shield;
    uint8_t charges[4];
};

struct fighter {
    uint32_t id;
    enum fighter_state state;
    unsigned alive : 1;
    unsigned team : 3;
    int mood : 4;               /* -8 .. 7 */
    unsigned level : 7;
    bool invisible : 1;
    union fighter_stat stat;
    union {
        uint16_t ammo;
        uint8_t ammoBytes[2];
    };
    double x;
    char name[12];
    uint64_t kills : 40;
    uint64_t rank : 24;
};

/* One entry of the arena's event log, packed to save memory. Under #pragma pack(2) no member is
 * aligned to more than 2, not even `where` with its aligned(8), and bitfields run on bit by bit. */
#pragma pack(push, 2)
struct arena_event {
    uint8_t kind;
    uint64_t when;
    uint16_t code : 12;
    int8_t delta : 6;
    double where __attribute__((aligned(8)));
};
#pragma pack(pop)

#endif /* ARENA_H */
