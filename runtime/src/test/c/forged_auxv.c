/*
 * A process that rewrites its own auxiliary vector (prctl PR_SET_MM_MAP, which needs no privilege)
 * so that AT_RANDOM points at 16 bytes of its data segment instead of the kernel's random bytes on
 * the stack: what an attacker would do to make a reader's image cookie survive a later exec.
 * Prints "forged <address>" once done (or "error <what>") and waits for stdin to close.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <linux/prctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

static unsigned char chosen[16] = "chosen-by-caller";
static unsigned long auxv[128];

static int stat_fields(unsigned long *out, const int *which, int n) {
    char buf[4096];
    int fd = open("/proc/self/stat", O_RDONLY);
    ssize_t len = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);
    if (fd >= 0) close(fd);
    if (len <= 0) return -1;
    buf[len] = '\0';
    char *p = strrchr(buf, ')'); /* fields counted from 3 after the command name */
    if (p == NULL) return -1;
    int field = 2;
    for (char *tok = strtok(p + 1, " "); tok != NULL; tok = strtok(NULL, " ")) {
        field++;
        for (int i = 0; i < n; i++) {
            if (which[i] == field) out[i] = strtoul(tok, NULL, 10);
        }
    }
    return 0;
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    /* startcode endcode startstack startdata enddata startbrk argstart argend envstart envend */
    const int which[] = {26, 27, 28, 45, 46, 47, 48, 49, 50, 51};
    unsigned long f[10] = {0};
    int fd = open("/proc/self/auxv", O_RDONLY);
    ssize_t n = fd < 0 ? -1 : read(fd, auxv, sizeof auxv);
    if (fd >= 0) close(fd);
    if (n <= 0 || stat_fields(f, which, 10) != 0) {
        printf("error reading /proc/self\n");
        return 1;
    }
    for (size_t i = 0; i + 1 < (size_t)n / sizeof auxv[0]; i += 2) {
        if (auxv[i] == AT_RANDOM) auxv[i + 1] = (unsigned long)chosen;
    }
    struct prctl_mm_map map = {
        .start_code = f[0], .end_code = f[1], .start_stack = f[2], .start_data = f[3], .end_data = f[4],
        .start_brk = f[5], .brk = (unsigned long)sbrk(0), .arg_start = f[6], .arg_end = f[7],
        .env_start = f[8], .env_end = f[9], .auxv = (__u64 *)auxv, .auxv_size = (unsigned)n, .exe_fd = (__u32)-1,
    };
    if (prctl(PR_SET_MM, PR_SET_MM_MAP, (unsigned long)&map, sizeof map, 0) != 0) {
        perror("prctl");
        printf("error prctl\n");
        return 1;
    }
    printf("forged %p\n", (void *)chosen);
    char line[16];
    while (fgets(line, sizeof line, stdin) != NULL) {
    }
    return 0;
}
