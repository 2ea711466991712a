/*
 * A hostile IPC sender for the receiver's trust tests, speaking the wire protocol of docs/ipc.md
 * byte for byte (little-endian host). One binary, copied by the test with different owners and
 * modes (setuid root, setuid to another user, plain):
 *
 *   ipc_peer attack SOCKET PROGRAM   connect, print "connected", wait for "go" on stdin; fork: the
 *                                    parent execs "PROGRAM secret", keeping the connected socket;
 *                                    the child reads "ADDR LEN" on stdin, sends HELLO and a PULL
 *                                    for it (sequence 0, CRC32C flag set, CRC 0), prints the answer
 *   ipc_peer secret [SOCKET]         hold a secret, print "secret ADDR LEN"; with SOCKET, connect
 *                                    and announce the secret itself, print the ack; else wait
 *   ipc_peer undumpable SOCKET       as "secret SOCKET", but print "connected" and wait for "go"
 *                                    on stdin, then make itself non-dumpable before announcing
 *
 * An answer is printed as "ack <hex of the packet>" (the HELLO reply when the receiver refused the
 * HELLO, else the ACK), or "ack none" when the receiver closed without one.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

/* 31 characters and a NUL: the tests know it, and the CRC32C of these 32 bytes. */
static char secret[32] = "remotestruct-ipc-SECRET-0123456";

static int connect_to(const char *path) {
    int fd = socket(AF_UNIX, SOCK_SEQPACKET, 0); /* no SOCK_CLOEXEC: exec keeps it */
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    if (fd < 0 || strlen(path) >= sizeof addr.sun_path) {
        perror("socket");
        exit(3);
    }
    strcpy(addr.sun_path, path);
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
        perror("connect");
        exit(3);
    }
    return fd;
}

/* Reads one line from fd 0 without stdio, so nothing beyond it is consumed before a fork. */
static void read_line(char *line, size_t size) {
    size_t n = 0;
    char c;
    while (n + 1 < size && read(0, &c, 1) == 1 && c != '\n') {
        line[n++] = c;
    }
    line[n] = '\0';
}

/* Prints "ack <hex>" for the n bytes of packet, or "ack none". */
static void print_answer(const unsigned char *packet, ssize_t n) {
    printf("ack");
    if (n <= 0) {
        printf(" none");
    } else {
        printf(" ");
        for (ssize_t i = 0; i < n; i++) {
            printf("%02x", packet[i]);
        }
    }
    printf("\n");
}

/*
 * Sends HELLO (window 1); if the receiver refuses it, prints its answer. Else sends PULL(sequence
 * 0, addr, len, CRC32C flag, CRC 0) and prints the receiver's answer to that.
 */
static void pull_and_print_ack(int fd, uint64_t addr, int64_t len) {
    unsigned char packet[64] = {0};
    uint32_t window = 1;
    memcpy(packet, "RSIP", 4);
    packet[4] = 2; /* version */
    packet[5] = 4; /* HELLO */
    memcpy(packet + 8, &window, 4);
    send(fd, packet, 16, MSG_NOSIGNAL);
    ssize_t n = recv(fd, packet, sizeof packet, 0);
    if (n != 16 || packet[5] != 4 || packet[6] != 0 || packet[7] != 0) {
        print_answer(packet, n);
        return;
    }
    uint16_t flags = 1;
    memset(packet, 0, sizeof packet);
    memcpy(packet, "RSIP", 4);
    packet[4] = 2; /* version */
    packet[5] = 1; /* PULL */
    memcpy(packet + 6, &flags, 2);
    memcpy(packet + 16, &addr, 8);
    memcpy(packet + 24, &len, 8);
    send(fd, packet, 40, MSG_NOSIGNAL); /* may fail: a refusing ack can be queued already */
    n = recv(fd, packet, sizeof packet, 0);
    print_answer(packet, n);
}

static int hold_secret(const char *socket_path, int undumpable) {
    printf("secret %p %zu\n", (void *)secret, sizeof secret);
    if (socket_path != NULL) {
        int fd = connect_to(socket_path);
        if (undumpable) {
            char line[16];
            printf("connected\n");
            read_line(line, sizeof line);
            if (strcmp(line, "go") != 0 || prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
                return 4;
            }
        }
        pull_and_print_ack(fd, (uint64_t)(uintptr_t)secret, sizeof secret);
        return 0;
    }
    alarm(120); /* never outlive a broken test */
    for (;;) {
        pause();
    }
}

static int attack(const char *socket_path, const char *program) {
    char line[128];
    int fd = connect_to(socket_path);
    printf("connected\n");
    read_line(line, sizeof line);
    if (strcmp(line, "go") != 0) {
        return 4;
    }
    pid_t child = fork();
    if (child < 0) {
        perror("fork");
        return 3;
    }
    if (child > 0) {
        execl(program, program, "secret", (char *)NULL); /* the connecting pid becomes PROGRAM */
        perror("execl");
        return 3;
    }
    read_line(line, sizeof line);
    unsigned long long addr;
    long long len;
    if (sscanf(line, "%llx %lld", &addr, &len) != 2) {
        return 4;
    }
    pull_and_print_ack(fd, addr, len);
    return 0;
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc == 4 && strcmp(argv[1], "attack") == 0) {
        return attack(argv[2], argv[3]);
    }
    if ((argc == 2 || argc == 3) && strcmp(argv[1], "secret") == 0) {
        return hold_secret(argc == 3 ? argv[2] : NULL, 0);
    }
    if (argc == 3 && strcmp(argv[1], "undumpable") == 0) {
        return hold_secret(argv[2], 1);
    }
    fprintf(stderr, "usage: ipc_peer attack SOCKET PROGRAM | ipc_peer secret [SOCKET] | ipc_peer undumpable SOCKET\n");
    return 2;
}
