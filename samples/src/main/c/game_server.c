/*
 * game_server - a small C game loop whose state remotestruct probes read and whose config they write.
 *
 * The structs come from headers the annotation processor generates from the Java records in
 * org.remotestruct.samples.game (World.h, Player.h, Config.h, Zone.h, Entity.h), so a record and this program cannot
 * drift apart: a changed offset fails this build on the header's _Static_asserts.
 *
 *   game_server <name> [--registry-dir DIR] [--seed N] [--ticks-per-second N] [--players N]
 *
 * Publishes the registry <DIR>/<name>.registry (DIR defaults to $REMOTESTRUCT_REGISTRY_DIR, see
 * remotestruct.h) with the entries world, players (64 slots), config and zone (the head of a linked list
 * of malloc'd entities that spawn and die as ticks pass: a pointer graph), and removes it on exit,
 * SIGTERM and SIGINT. Commands on stdin, one per line, for tests:
 *   pause | resume | step N | dump | exec-sleep | undumpable | quit
 * "exec-sleep" replaces this program with sleep(1): same pid and start time, another program, and the
 * registry stays behind (tests use it to play a target that exec'd). "undumpable" calls
 * prctl(PR_SET_DUMPABLE, 0), as a program protecting secrets from its own user does, and prints
 * "undumpable" (tests use it to play a target that moved out of its registry owner's reach).
 * "dump" prints the server's own view of its state as key=value lines between "dump begin" and
 * "dump end". The config is applied only when config.generation changes; each apply logs
 *   config generation N applied: tick_rate=T max_hp=H motd="M"
 * The simulation is deterministic for a given --seed: only the tick timing depends on the clock.
 */
#define _POSIX_C_SOURCE 200809L

#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/prctl.h>
#include <time.h>

#include "remotestruct.h"

#include "Config.h"
#include "Entity.h"
#include "Player.h"
#include "World.h"
#include "Zone.h"

#define MAX_PLAYERS 64
#define RESPAWN_TICKS 20
#define HEAL_PER_TICK 2
#define ARENA 100.0f

/* Published memory: globals live as long as the process, so their addresses stay valid. */
static struct World world;
static struct Player players[MAX_PLAYERS];
/* Written by other processes: every read must reach memory, hence volatile. */
static volatile struct Config config;

/* A pointer graph: the zone's entities are malloc'd and freed as the simulation goes. */
static struct Zone zone;
static uint64_t zone_rng_state;         /* its own stream: the players' stay as they were */

static struct Config applied;           /* the config in force, copied out of `config` */
static int respawn_in[MAX_PLAYERS];     /* ticks until a dead player respawns */
static float vx[MAX_PLAYERS], vy[MAX_PLAYERS];
static uint64_t rng_state;
static volatile sig_atomic_t stop_requested;
static rs_registry registry;

static void on_signal(int sig) {
    (void)sig;
    stop_requested = 1;
}

/* xorshift64*: deterministic for a seed, good enough for a simulation. */
static uint32_t next_random(void) {
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 0x2545F4914F6CDD1DULL) >> 32);
}

static float random_unit(void) {
    return (float)(next_random() >> 8) / (float)(1u << 24);
}

static void spawn(int i) {
    players[i].hp = applied.maxHp;
    players[i].alive = true;
    players[i].x = random_unit() * ARENA;
    players[i].y = random_unit() * ARENA;
    players[i].z = 0.0f;
    vx[i] = random_unit() * 2.0f - 1.0f;
    vy[i] = random_unit() * 2.0f - 1.0f;
}

static void setup_players(int count) {
    static const char *const names[] = {"ada", "bob", "cyd", "dee", "eve", "fay", "gus", "hal"};
    for (int i = 0; i < count; i++) {
        players[i].id = i + 1;
        snprintf(players[i].name, sizeof players[i].name, "%s-%d", names[i % 8], i + 1);
        spawn(i);
    }
    World_seq_begin(&world);
    world.players = count;
    World_seq_end(&world);
}

static float bounce(float p, float *v) {
    p += *v;
    if (p < 0.0f || p > ARENA) {
        *v = -*v;
        p = p < 0.0f ? -p : 2.0f * ARENA - p;
    }
    return p;
}

#define ZONE_MAX_ENTITIES 12
#define ZONE_SPAWN_EVERY 3
#define ZONE_DEATH_EVERY 5

static uint32_t zone_random(void) {
    zone_rng_state ^= zone_rng_state >> 12;
    zone_rng_state ^= zone_rng_state << 25;
    zone_rng_state ^= zone_rng_state >> 27;
    return (uint32_t)((zone_rng_state * 0x2545F4914F6CDD1DULL) >> 32);
}

/* The n-th entity of the list (0 = first), or NULL. */
static struct Entity *zone_at(uint32_t n) {
    struct Entity *e = zone.first;
    while (e != NULL && n-- > 0) e = e->next;
    return e;
}

/* A new entity at the head of the list, chasing a random older one (so targets are shared). */
static void zone_spawn(void) {
    struct Entity *e = calloc(1, sizeof *e);
    if (e == NULL) return; /* out of memory: the zone just stays smaller */
    e->id = ++zone.spawned;
    e->hp = 50 + (int32_t)(zone_random() % 100);
    e->x = (float)(zone_random() % 100);
    e->y = (float)(zone_random() % 100);
    e->target = zone.count > 0 ? zone_at(zone_random() % zone.count) : NULL;
    e->next = zone.first;
    zone.first = e;
    zone.count++;
}

/* The weakest entity dies: unlinked, every pointer to it cleared, then freed. */
static void zone_kill_weakest(void) {
    struct Entity **weakest = NULL;
    for (struct Entity **link = &zone.first; *link != NULL; link = &(*link)->next) {
        if (weakest == NULL || (*link)->hp < (*weakest)->hp) weakest = link;
    }
    if (weakest == NULL) return;
    struct Entity *dead = *weakest;
    *weakest = dead->next;
    for (struct Entity *e = zone.first; e != NULL; e = e->next) {
        if (e->target == dead) e->target = NULL;
    }
    zone.count--;
    free(dead);
}

/* One tick of the zone: entities drift and tire; some spawn, the weakest die; the boss is re-elected. */
static void zone_tick(uint64_t tick) {
    for (struct Entity *e = zone.first; e != NULL; e = e->next) {
        e->x = e->x + 1.0f >= ARENA ? 0.0f : e->x + 1.0f;
        if (e->hp > 1) e->hp--;
    }
    if (tick % ZONE_SPAWN_EVERY == 0 && zone.count < ZONE_MAX_ENTITIES) zone_spawn();
    if (tick % ZONE_DEATH_EVERY == 0 && zone.count > 1) zone_kill_weakest();
    zone.boss = NULL;
    for (struct Entity *e = zone.first; e != NULL; e = e->next) {
        if (zone.boss == NULL || e->hp > zone.boss->hp) zone.boss = e;
    }
    zone.tick = tick;
}

static void setup_zone(uint64_t seed) {
    zone_rng_state = seed * 0xD1B54A32D192ED03ULL + 1;
    for (int i = 0; i < 5; i++) zone_spawn();
    zone_tick(0);
}

/* One tick: everyone moves and heals; some land hits; the dead respawn after RESPAWN_TICKS. */
static void simulate_tick(void) {
    int n = world.players;
    for (int i = 0; i < n; i++) {
        struct Player *p = &players[i];
        if (!p->alive) {
            if (--respawn_in[i] <= 0) spawn(i);
            continue;
        }
        p->x = bounce(p->x, &vx[i]);
        p->y = bounce(p->y, &vy[i]);
        p->z = 0.5f + 0.5f * (float)((world.tick + (uint64_t)i) % 8) / 8.0f;
        if (p->hp < applied.maxHp) p->hp = p->hp + HEAL_PER_TICK > applied.maxHp ? applied.maxHp : p->hp + HEAL_PER_TICK;
        if (next_random() % 10 == 0) {
            int victim = (int)(next_random() % (uint32_t)n);
            int damage = 5 + (int)(next_random() % 21);
            if (victim != i && players[victim].alive) {
                p->score++;
                players[victim].hp -= damage;
                if (players[victim].hp <= 0) {
                    players[victim].hp = 0;
                    players[victim].alive = false;
                    respawn_in[victim] = RESPAWN_TICKS;
                }
            }
        }
    }
    World_seq_begin(&world); /* readers never see a tick without its uptime */
    world.tick++;
    world.uptime += 1.0 / applied.tickRate;
    World_seq_end(&world);
    zone_tick(world.tick);
}

/* Copies the config out of shared memory; volatile reads, since memcpy would drop the qualifier. */
static void copy_config(struct Config *out) {
    out->tickRate = config.tickRate;
    out->maxHp = config.maxHp;
    for (size_t i = 0; i < sizeof out->motd; i++) out->motd[i] = config.motd[i];
    out->motd[sizeof out->motd - 1] = '\0'; /* a writer may fill all 64 bytes: keep printing safe */
}

/*
 * Applies the config when its generation changed. Writers change the fields first and bump the
 * generation last, in a separate write, so once the new generation is visible every field is.
 * The acquire fence keeps the field reads after the generation read.
 */
static void poll_config(void) {
    uint32_t generation = config.generation;
    if (generation == applied.generation) return;
    atomic_thread_fence(memory_order_acquire);
    struct Config next;
    copy_config(&next);
    next.generation = generation;
    if (next.tickRate < 1 || next.tickRate > 1000 || next.maxHp < 1 || next.maxHp > 100000) {
        printf("config generation %u rejected: tick_rate=%d (1..1000) max_hp=%d (1..100000); keeping generation %u\n",
               generation, next.tickRate, next.maxHp, applied.generation);
        applied.generation = generation; /* do not log the same rejection every tick */
        return;
    }
    applied = next;
    for (int i = 0; i < world.players; i++)
        if (players[i].hp > applied.maxHp) players[i].hp = applied.maxHp;
    World_seq_begin(&world);
    world.configGeneration = generation;
    world.tickRate = applied.tickRate;
    world.maxHp = applied.maxHp;
    World_seq_end(&world);
    printf("config generation %u applied: tick_rate=%d max_hp=%d motd=\"%s\"\n", generation, applied.tickRate,
           applied.maxHp, applied.motd);
}

static void dump_state(void) {
    printf("dump begin\n");
    printf("world.tick=%" PRIu64 "\nworld.players=%d\nworld.seq=%u\nworld.uptime=%.17g\nworld.configGeneration=%u\n",
           world.tick, world.players, world.seq, world.uptime, world.configGeneration);
    printf("world.tickRate=%d\nworld.maxHp=%d\n", world.tickRate, world.maxHp);
    for (int i = 0; i < MAX_PLAYERS; i++) {
        struct Player *p = &players[i];
        /* %.*s: the name is writable from outside, and a 16-byte name has no NUL to stop %s */
        printf("players[%d].id=%d\nplayers[%d].name=%.*s\nplayers[%d].hp=%d\n", i, p->id, i, (int)sizeof p->name,
               p->name, i, p->hp);
        printf("players[%d].x=%.9g\nplayers[%d].y=%.9g\nplayers[%d].z=%.9g\n", i, (double)p->x, i, (double)p->y, i,
               (double)p->z);
        printf("players[%d].score=%u\nplayers[%d].alive=%s\n", i, p->score, i, p->alive ? "true" : "false");
    }
    struct Config c;
    copy_config(&c);
    printf("config.tickRate=%d\nconfig.maxHp=%d\nconfig.motd=%s\nconfig.generation=%u\n", c.tickRate, c.maxHp, c.motd,
           (unsigned)config.generation);
    printf("zone.tick=%" PRIu64 "\nzone.count=%u\nzone.spawned=%u\nzone.boss=%u\n", zone.tick, zone.count,
           zone.spawned, zone.boss == NULL ? 0u : zone.boss->id);
    int n = 0;
    for (struct Entity *e = zone.first; e != NULL; e = e->next, n++) {
        printf("zone.entity[%d].id=%u\nzone.entity[%d].hp=%d\nzone.entity[%d].target=%u\n", n, e->id, n, e->hp, n,
               e->target == NULL ? 0u : e->target->id);
    }
    printf("dump end\n");
}

typedef struct options {
    const char *name;
    const char *registry_dir;
    uint64_t seed;
    int ticks_per_second;
    int players;
} options;

static int parse_int(const char *flag, const char *text, long lo, long hi, long *out) {
    char *end;
    errno = 0;
    long v = strtol(text ? text : "", &end, 10);
    if (!text || errno || *end || end == text || v < lo || v > hi) {
        fprintf(stderr, "game_server: %s needs a number in %ld..%ld, got '%s'\n", flag, lo, hi, text ? text : "");
        return -1;
    }
    *out = v;
    return 0;
}

static int parse_options(int argc, char **argv, options *o) {
    *o = (options){.name = NULL, .registry_dir = NULL, .seed = 1, .ticks_per_second = 20, .players = 16};
    for (int i = 1; i < argc; i++) {
        long v;
        const char *a = argv[i], *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--registry-dir") == 0 && next) o->registry_dir = argv[++i];
        else if (strcmp(a, "--seed") == 0) {
            if (parse_int(a, next, 0, LONG_MAX, &v) < 0) return -1;
            o->seed = (uint64_t)v, i++;
        } else if (strcmp(a, "--ticks-per-second") == 0) {
            if (parse_int(a, next, 1, 1000, &v) < 0) return -1;
            o->ticks_per_second = (int)v, i++;
        } else if (strcmp(a, "--players") == 0) {
            if (parse_int(a, next, 1, MAX_PLAYERS, &v) < 0) return -1;
            o->players = (int)v, i++;
        } else if (a[0] != '-' && !o->name) o->name = a;
        else {
            fprintf(stderr, "game_server: unknown argument '%s'\n", a);
            return -1;
        }
    }
    if (!o->name) {
        fprintf(stderr, "usage: game_server <name> [--registry-dir DIR] [--seed N] [--ticks-per-second N] "
                        "[--players N]\n");
        return -1;
    }
    return 0;
}

static int publish(const options *o) {
    int err = rs_registry_begin(&registry, o->registry_dir, o->name);
    if (err == 0) err = rs_registry_add(&registry, "world", "World", &world, 1, sizeof world, WORLD_FINGERPRINT);
    if (err == 0)
        err = rs_registry_add(&registry, "players", "Player", players, MAX_PLAYERS, sizeof players[0],
                              PLAYER_FINGERPRINT);
    if (err == 0) err = rs_registry_add(&registry, "config", "Config", &config, 1, sizeof config, CONFIG_FINGERPRINT);
    if (err == 0) err = rs_registry_add(&registry, "zone", "Zone", &zone, 1, sizeof zone, ZONE_FINGERPRINT);
    if (err == 0) err = rs_registry_commit(&registry);
    if (err == 0) err = rs_registry_remove_at_exit(&registry);
    if (err < 0) fprintf(stderr, "game_server: cannot publish registry: %s\n", rs_registry_strerror(&registry));
    return err;
}

static int install_signal_handlers(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal; /* no SA_RESTART: poll() returns EINTR and the loop sees the flag */
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGTERM, &sa, NULL) < 0 || sigaction(SIGINT, &sa, NULL) < 0) return -1;
    /* A reader of our log that goes away must not kill the server and strand its registry:
     * with SIGPIPE ignored a write to the closed pipe just fails with EPIPE. */
    sa.sa_handler = SIG_IGN;
    return sigaction(SIGPIPE, &sa, NULL) < 0 ? -1 : 0;
}

typedef struct loop_state {
    int paused;
    int stdin_open;
    char pending[256]; /* stdin bytes read but not yet run: a partial line */
    size_t pending_len;
} loop_state;

/* Runs one stdin command; returns 0 to go on, 1 to quit. */
static int run_command(char *line, loop_state *s) {
    line[strcspn(line, "\r\n")] = '\0';
    long n;
    if (strcmp(line, "pause") == 0) s->paused = 1, printf("paused at tick %" PRIu64 "\n", world.tick);
    else if (strcmp(line, "resume") == 0) s->paused = 0, printf("resumed at tick %" PRIu64 "\n", world.tick);
    else if (strcmp(line, "dump") == 0) dump_state();
    else if (strcmp(line, "quit") == 0) return 1;
    else if (strcmp(line, "exec-sleep") == 0) {
        fflush(stdout);
        execlp("sleep", "sleep", "3600", (char *)NULL);
        printf("exec-sleep failed\n");
    }
    else if (strcmp(line, "undumpable") == 0)
        printf(prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0 ? "undumpable\n" : "undumpable failed\n");
    else if (strncmp(line, "step ", 5) == 0 && parse_int("step", line + 5, 1, 1000000, &n) == 0) {
        for (long i = 0; i < n; i++) simulate_tick();
        printf("stepped to tick %" PRIu64 "\n", world.tick);
    } else if (line[0]) printf("unknown command '%s' (pause, resume, step N, dump, exec-sleep, undumpable, quit)\n", line);
    return 0;
}

/* Runs every complete line in s->pending and keeps the unfinished rest; returns 1 on quit. */
static int run_pending(loop_state *s) {
    char *start = s->pending, *end = s->pending + s->pending_len, *nl;
    int quit = 0;
    while (!quit && (nl = memchr(start, '\n', (size_t)(end - start))) != NULL) {
        *nl = '\0';
        quit = run_command(start, s);
        start = nl + 1;
    }
    if (!quit && start == s->pending && s->pending_len == sizeof s->pending - 1) {
        s->pending[s->pending_len] = '\0'; /* a line longer than the buffer: run what we have */
        quit = run_command(s->pending, s);
        start = end;
    }
    s->pending_len = (size_t)(end - start);
    memmove(s->pending, start, s->pending_len);
    return quit;
}

/*
 * Waits up to timeout_ms for stdin commands (or just sleeps once stdin is closed). read(2), not
 * stdio: fgets would pull several queued lines into its buffer where poll() cannot see them, and
 * the second command would wait for more input.
 */
static int wait_for_commands(int timeout_ms, loop_state *s) {
    if (!s->stdin_open) {
        struct timespec ts = {timeout_ms / 1000, (long)(timeout_ms % 1000) * 1000000L};
        nanosleep(&ts, NULL);
        return 0;
    }
    struct pollfd pfd = {.fd = STDIN_FILENO, .events = POLLIN};
    if (poll(&pfd, 1, timeout_ms) <= 0) return 0;
    ssize_t n = read(STDIN_FILENO, s->pending + s->pending_len, sizeof s->pending - 1 - s->pending_len);
    if (n < 0) {
        if (errno != EINTR && errno != EAGAIN) s->stdin_open = 0; /* unreadable stdin: stop listening, keep running */
        return 0;
    }
    if (n == 0) { /* EOF: e.g. started with </dev/null; keep running until a signal */
        s->stdin_open = 0;
        s->pending[s->pending_len] = '\0';
        return s->pending_len > 0 ? run_command(s->pending, s) : 0; /* a last line without newline */
    }
    s->pending_len += (size_t)n;
    return run_pending(s);
}

int main(int argc, char **argv) {
    options o;
    if (parse_options(argc, argv, &o) < 0) return 2;
    setvbuf(stdout, NULL, _IOLBF, 0);
    rng_state = o.seed * 0x9E3779B97F4A7C15ULL + 1; /* never 0, which xorshift cannot leave */
    config.tickRate = o.ticks_per_second;
    config.maxHp = 100;
    char motd[sizeof config.motd];
    snprintf(motd, sizeof motd, "welcome to %s", o.name); /* may cut a long name: a greeting, not data */
    /* Element by element: writing a volatile object through a cast to (char *) is undefined behaviour. */
    for (size_t i = 0; i < sizeof motd; i++) config.motd[i] = motd[i];
    config.generation = 1;
    poll_config();
    setup_players(o.players);
    setup_zone(o.seed);
    if (install_signal_handlers() < 0 || publish(&o) < 0) return 1;
    printf("ready pid=%ld registry=%s\n", (long)getpid(), registry.path);
    loop_state s = {.paused = 0, .stdin_open = 1, .pending_len = 0};
    while (!stop_requested) {
        poll_config();
        if (!s.paused) simulate_tick();
        if (wait_for_commands(1000 / applied.tickRate, &s)) break;
    }
    printf("stopping at tick %" PRIu64 "\n", world.tick);
    return 0; /* atexit removes the registry */
}
