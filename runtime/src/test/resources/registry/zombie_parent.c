/*
 * A parent that never reaps: runs its arguments as a child process (for the tests, registry_target),
 * prints "child <pid>", and then only sleeps, so a child that exits stays a zombie until this parent
 * is killed. Usage: zombie_parent <program> [args...]
 */
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: zombie_parent <program> [args...]\n");
        return 2;
    }
    pid_t child = fork();
    if (child < 0) {
        perror("fork");
        return 1;
    }
    if (child == 0) {
        execv(argv[1], argv + 1);
        perror("execv");
        _exit(127);
    }
    printf("child %d\n", (int) child);
    fflush(stdout);
    for (;;) {
        pause(); /* SIGCHLD is not caught and never waited for: the exited child stays a zombie */
    }
}
