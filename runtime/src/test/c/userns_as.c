/*
 * Runs a program as root of a new user namespace whose owner and root the caller chooses, as a
 * container runtime does. Run as root:
 *
 *     userns_as OWNER ROOT PROGRAM [ARGS...]
 *
 * OWNER is the uid that creates the namespace (its owner: the effective uid at unshare, what
 * NS_GET_OWNER_UID reports); ROOT is the uid and gid that uid and gid 0 inside map to. The program
 * is exec'd by this very process (same pid) as uid and gid 0 of the namespace, without
 * supplementary groups, so it holds every capability there.
 *
 *     userns_as 0 65534 ...      a namespace root created whose root is nobody (a remapped container)
 *     userns_as 65534 65534 ...  what nobody gets from unshare --user --map-root-user
 *
 * A child still privileged in the parent namespace writes the maps, which an unprivileged owner
 * could not write for another uid. Exit status 127 and a message on stderr if a step fails.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static void die(const char *what) {
    perror(what);
    exit(127);
}

static void write_file(const char *path, const char *text) {
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
        die(path);
    }
    if (write(fd, text, strlen(text)) != (ssize_t) strlen(text)) {
        die(path);
    }
    close(fd);
}

/* The child: waits until its parent is in the new namespace, then maps 0 inside to ROOT outside. */
static void write_maps(pid_t parent, int unshared, unsigned long root) {
    char byte;
    if (read(unshared, &byte, 1) != 1) {
        _exit(127); /* the parent failed and said why */
    }
    char path[64], map[64];
    snprintf(map, sizeof map, "0 %lu 1\n", root);
    snprintf(path, sizeof path, "/proc/%ld/uid_map", (long) parent);
    write_file(path, map);
    snprintf(path, sizeof path, "/proc/%ld/gid_map", (long) parent);
    write_file(path, map);
    _exit(0);
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: userns_as OWNER ROOT PROGRAM [ARGS...]\n");
        return 127;
    }
    unsigned long owner = strtoul(argv[1], NULL, 10);
    unsigned long root = strtoul(argv[2], NULL, 10);
    int unshared[2];
    if (pipe(unshared) != 0) {
        die("pipe");
    }
    pid_t parent = getpid();
    pid_t mapper = fork();
    if (mapper < 0) {
        die("fork");
    }
    if (mapper == 0) {
        close(unshared[1]);
        write_maps(parent, unshared[0], root);
    }
    close(unshared[0]);
    if (setgroups(0, NULL) != 0 || setresgid(owner, owner, owner) != 0 || setresuid(owner, owner, owner) != 0) {
        die("becoming the owner");
    }
    if (unshare(CLONE_NEWUSER) != 0) {
        die("unshare(CLONE_NEWUSER)");
    }
    if (write(unshared[1], "u", 1) != 1) {
        die("pipe");
    }
    close(unshared[1]);
    int status;
    if (waitpid(mapper, &status, 0) != mapper || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "userns_as: writing the id maps failed\n");
        return 127;
    }
    /* Every capability in the new namespace since unshare: become its root, then run the program. */
    if (setresgid(0, 0, 0) != 0 || setresuid(0, 0, 0) != 0) {
        die("becoming root of the namespace");
    }
    execvp(argv[3], argv + 3);
    die(argv[3]);
}
