/*
 * Test publisher for the directory rules: publishes one struct into <dir> as <name> and exits,
 * leaving the file. Prints "published <path>" (exit 0) or "refused <rc> <message>" (exit 1).
 * Usage: publish_once <dir> <name> [umask, octal]
 * Build: cc -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror
 */
#include "remotestruct.h"

static struct {
    int32_t tick;
} counter = {1};
static rs_registry reg;

int main(int argc, char **argv) {
    if (argc < 3) return 2;
    if (argc > 3) umask((mode_t)strtoul(argv[3], NULL, 8));
    int rc = rs_registry_begin(&reg, argv[1], argv[2]);
    if (rc == 0) rc = rs_registry_add(&reg, "counter", "Counter", &counter, 1, sizeof counter, 0);
    if (rc == 0) rc = rs_registry_commit(&reg);
    if (rc < 0) {
        printf("refused %d %s\n", rc, rs_registry_strerror(&reg));
        return 1;
    }
    printf("published %s\n", reg.path);
    return 0;
}
