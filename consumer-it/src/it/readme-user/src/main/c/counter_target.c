/* The consumer's own target: one struct counter, laid out by the header the processor generated
 * from Counter.java. Prints its pid and the struct's address, then waits; when stdin closes it
 * prints the hits its reader left and exits. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "counter.h"

static struct counter the_counter;

int main(void) {
    the_counter.id = 7;
    the_counter.hits = 41;
    strcpy(the_counter.label, "readme-user");
    the_counter.open = true;
    printf("%d %p\n", (int) getpid(), (void *) &the_counter);
    fflush(stdout);
    char buf[64];
    while (read(0, buf, sizeof buf) > 0) {
    }
    printf("hits %lld\n", (long long) the_counter.hits);
    fflush(stdout);
    return 0;
}
