/*
 * Target of the end-to-end tests of generated code (org.remotestruct.samples.e2e): a real second
 * process built against the GENERATED headers (e2e_all_types.h, e2e_vec3.h) and remotestruct.h.
 * It fills its structs with the edge values that KnownValues.java mirrors, publishes them in an
 * address registry with the generated fingerprint macros, prints their addresses, then answers one
 * line per command on stdin, so every write is confirmed by what THIS process sees:
 *
 *   show       the current values of `all`, as key=value words (see show() for the format)
 *   edge N     a copy of `all` whose first N bytes end a mapped page; the next page is unmapped
 *   badfp      publishes entry `all_wrong`: `all` with a fingerprint one bit off
 *   exit       returns from main; atexit removes the registry
 *
 * Usage: e2e_target <registry dir> <registry name>
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "remotestruct/remotestruct.h"
#include "e2e_all_types.h"

#define VECS 4

static struct e2e_all_types all;
static struct e2e_vec3 vecs[VECS];
static rs_registry reg;

static float float_of(uint32_t bits) {
    float f;
    memcpy(&f, &bits, sizeof f);
    return f;
}

static double double_of(uint64_t bits) {
    double d;
    memcpy(&d, &bits, sizeof d);
    return d;
}

static uint32_t bits_of_float(float f) {
    uint32_t bits;
    memcpy(&bits, &f, sizeof bits);
    return bits;
}

static uint64_t bits_of_double(double d) {
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    return bits;
}

static struct e2e_vec3 vec3(float x, float y, float z) {
    struct e2e_vec3 v = {.x = x, .y = y, .z = z};
    return v;
}

/* The values KnownValues.java expects; change both together. */
static void fill(void) {
    all.i8 = -100;
    all.u8AsShort = 255;
    all.u8AsInt = 200;
    all.flag = true;
    all.i16 = INT16_MIN;
    all.u16 = UINT16_MAX;
    all.i32 = INT32_MIN;
    all.u32 = UINT32_C(0x80000001);
    all.i64 = INT64_MIN;
    all.u64 = UINT64_C(0xfedcba9876543210);
    all.fNan = float_of(UINT32_C(0x7fc00123));
    all.fNegZero = -0.0f;
    all.dNegZero = -0.0;
    all.dNan = double_of(UINT64_C(0x7ff8000000000abc));
    memcpy(all.name, "ABCDEFGH", sizeof all.name);                              /* full, no NUL */
    memcpy(all.text, "Gr\xc3\xbc\xc3\x9f" "e, \xe4\xb8\x96\xe7\x95\x8c", 15);    /* "Grüße, 世界" */
    memcpy(all.rawChars, "raw\0\xff\x01\x02\x03", sizeof all.rawChars);         /* bytes after a NUL */
    all.vecsPtr = vecs;
    all.bools[0] = true;
    all.bools[2] = true;
    all.i8s[0] = -1;
    all.i8s[2] = INT8_MAX;
    all.u8s[1] = 1;
    all.u8s[2] = 128;
    all.u8s[3] = 255;
    all.u8Ints[0] = 254;
    all.u8Ints[1] = 7;
    all.i16s[0] = -2;
    all.i16s[1] = INT16_MAX;
    all.u16s[0] = 40000;
    all.u16s[1] = 1;
    all.i32s[0] = -1;
    all.i32s[2] = INT32_MAX;
    all.u32s[0] = UINT32_MAX;
    all.u32s[1] = UINT32_C(0x80000000);
    all.i64s[0] = -1;
    all.i64s[1] = INT64_MAX;
    all.u64s[0] = UINT64_MAX;
    all.u64s[1] = UINT64_C(0x8000000000000000);
    all.floats[0] = float_of(UINT32_C(0xff800000));                               /* -infinity */
    all.floats[1] = float_of(UINT32_C(0x00000001));                               /* smallest subnormal */
    all.doubles[0] = double_of(UINT64_C(0x7fefffffffffffff));                     /* DBL_MAX */
    all.doubles[1] = -0.0;
    all.pos = vec3(1.5f, -2.25f, 1e30f);
    all.path[0] = vec3(0.0f, 0.0f, 0.0f);
    all.path[1] = vec3(-1.0f, 2.0f, -3.0f);
    all.path[2] = vec3(float_of(UINT32_C(0x7f800000)), -0.0f, 0.125f);
    all.tail = 0x7eadbeef;
    for (int i = 0; i < VECS; i++) {
        vecs[i] = vec3((float)i + 0.5f, -((float)i + 0.25f), (float)i * 1000.0f);
    }
}

static void put_hex(const char *key, const void *bytes, size_t n) {
    printf(" %s=", key);
    for (size_t i = 0; i < n; i++) printf("%02x", ((const unsigned char *)bytes)[i]);
}

static void put_vec3(const struct e2e_vec3 *v) {
    printf("%08" PRIx32 ",%08" PRIx32 ",%08" PRIx32, bits_of_float(v->x), bits_of_float(v->y), bits_of_float(v->z));
}

/* Integers in decimal as C sees them (signed or not); 64-bit ones also decimal, floats as their
 * IEEE bits in hex (NaN payloads and -0.0 stay visible), char arrays as all N bytes in hex, array
 * elements joined by ',', Vec3 as x,y,z bits and path elements joined by ';'. */
static void show(void) {
    const struct e2e_all_types *a = &all;
    printf("i8=%d u8AsShort=%u u8AsInt=%u flag=%d i16=%d u16=%u", a->i8, a->u8AsShort, a->u8AsInt, a->flag, a->i16,
           a->u16);
    printf(" i32=%" PRId32 " u32=%" PRIu32 " i64=%" PRId64 " u64=%" PRIu64, a->i32, a->u32, a->i64, a->u64);
    printf(" fNan=%08" PRIx32 " fNegZero=%08" PRIx32, bits_of_float(a->fNan), bits_of_float(a->fNegZero));
    printf(" dNegZero=%016" PRIx64 " dNan=%016" PRIx64, bits_of_double(a->dNegZero), bits_of_double(a->dNan));
    put_hex("name", a->name, sizeof a->name);
    put_hex("text", a->text, sizeof a->text);
    put_hex("rawChars", a->rawChars, sizeof a->rawChars);
    printf(" vecsPtr=%" PRIu64, (uint64_t)(uintptr_t)a->vecsPtr);
    printf(" bools=%d,%d,%d i8s=%d,%d,%d", a->bools[0], a->bools[1], a->bools[2], a->i8s[0], a->i8s[1], a->i8s[2]);
    printf(" u8s=%u,%u,%u,%u u8Ints=%u,%u", a->u8s[0], a->u8s[1], a->u8s[2], a->u8s[3], a->u8Ints[0], a->u8Ints[1]);
    printf(" i16s=%d,%d u16s=%u,%u", a->i16s[0], a->i16s[1], a->u16s[0], a->u16s[1]);
    printf(" i32s=%" PRId32 ",%" PRId32 ",%" PRId32, a->i32s[0], a->i32s[1], a->i32s[2]);
    printf(" u32s=%" PRIu32 ",%" PRIu32 " i64s=%" PRId64 ",%" PRId64, a->u32s[0], a->u32s[1], a->i64s[0], a->i64s[1]);
    printf(" u64s=%" PRIu64 ",%" PRIu64, a->u64s[0], a->u64s[1]);
    printf(" floats=%08" PRIx32 ",%08" PRIx32, bits_of_float(a->floats[0]), bits_of_float(a->floats[1]));
    printf(" doubles=%016" PRIx64 ",%016" PRIx64, bits_of_double(a->doubles[0]), bits_of_double(a->doubles[1]));
    printf(" pos=");
    put_vec3(&a->pos);
    printf(" path=");
    for (int i = 0; i < 3; i++) {
        if (i > 0) putchar(';');
        put_vec3(&a->path[i]);
    }
    printf(" tail=%" PRId32 "\n", a->tail);
}

/* A copy of `all` of which only the first n bytes are mapped: it ends a page whose successor was
 * mapped and then unmapped, so the kernel stops any transfer exactly there. Leaked on purpose. */
static void *place_at_page_edge(size_t n) {
    long page = sysconf(_SC_PAGESIZE);
    if (n == 0 || n >= sizeof all || (long)n > page) return NULL;
    unsigned char *two = mmap(NULL, 2 * (size_t)page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (two == MAP_FAILED || munmap(two + page, (size_t)page) != 0) return NULL;
    unsigned char *copy = two + page - n;
    memcpy(copy, &all, n);
    return copy;
}

static int publish(const char *dir, const char *name) {
    if (rs_registry_begin(&reg, dir, name) < 0
        || rs_registry_add(&reg, "all", "e2e_all_types", &all, 1, sizeof all, E2E_ALL_TYPES_FINGERPRINT) < 0
        || rs_registry_add(&reg, "vecs", "e2e_vec3", vecs, VECS, sizeof vecs[0], E2E_VEC3_FINGERPRINT) < 0
        || rs_registry_commit(&reg) < 0 || rs_registry_remove_at_exit(&reg) < 0) {
        fprintf(stderr, "e2e_target: %s\n", rs_registry_strerror(&reg));
        return -1;
    }
    return 0;
}

static void publish_wrong_fingerprint(void) {
    if (rs_registry_add(&reg, "all_wrong", "e2e_all_types", &all, 1, sizeof all, E2E_ALL_TYPES_FINGERPRINT ^ 1) < 0
        || rs_registry_commit(&reg) < 0) {
        printf("error %s\n", rs_registry_strerror(&reg));
    } else {
        printf("ok\n");
    }
}

int main(int argc, char **argv) {
    char line[256];
    size_t n;
    if (argc != 3) {
        fprintf(stderr, "usage: e2e_target <registry dir> <registry name>\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    fill();
    if (publish(argv[1], argv[2]) < 0) return 1;
    printf("all %p\nvecs %p\nregistry %s\nready\n", (void *)&all, (void *)vecs, reg.path);
    while (fgets(line, sizeof line, stdin)) {
        if (strcmp(line, "show\n") == 0) {
            show();
        } else if (sscanf(line, "edge %zu", &n) == 1) {
            void *copy = place_at_page_edge(n);
            if (copy) printf("edge %p\n", copy);
            else printf("error cannot place %zu bytes at a page edge\n", n);
        } else if (strcmp(line, "badfp\n") == 0) {
            publish_wrong_fingerprint();
        } else if (strcmp(line, "exit\n") == 0) {
            break;
        } else {
            printf("error unknown command %s", line);
        }
    }
    return 0;
}
