/*
 * A target whose writer never stops rewriting a sequenced 1 KiB struct, for the seqlock tests: it
 * brackets every update with rs_seq_begin/rs_seq_end (remotestruct.h) and keeps an invariant a
 * reader can check: every word equals seq / 2 in any consistent snapshot.
 *
 * SEQ_WRITER_MODE (environment): pause  - updates with a short busy pause between them
 *                                 busy   - updates back to back, never pausing
 *                                 stuck  - begins one update and never ends it (a crashed writer)
 *                                 idle   - never writes after start-up (a struct the target only reads)
 * Prints "block <address>", "calm <address>" (three blocks written once, consistent) and "ready",
 * then writes until killed.
 */
#define _GNU_SOURCE
#include "remotestruct.h"

#define WORDS 127

struct block {
    uint64_t seq;
    uint64_t words[WORDS];
};
_Static_assert(sizeof(struct block) == 1024, "struct block must be 1 KiB");

static struct block block __attribute__((aligned(64)));
/* Written once at start-up: consistent from then on, beside the hammered block. */
static struct block calm[3];

static void update(struct block *b, uint64_t generation) {
    rs_seq_begin(&b->seq);
    for (int i = 0; i < WORDS; i++) {
        /* volatile stores: one by one, as a real update of many fields would be */
        ((volatile uint64_t *) b->words)[i] = generation;
    }
    rs_seq_end(&b->seq);
}

int main(void) {
    const char *mode = getenv("SEQ_WRITER_MODE");
    if (mode == NULL) {
        mode = "busy";
    }
    for (int i = 0; i < 3; i++) {
        for (int g = 0; g <= i; g++) {
            update(&calm[i], g + 1); /* calm[i]: seq 2 * (i + 1), every word i + 1 */
        }
    }
    int stuck = strcmp(mode, "stuck") == 0;
    if (stuck) { /* before "ready": a reader must never see the block between the two */
        update(&block, 1);
        rs_seq_begin(&block.seq);
    }
    printf("block %p\ncalm %p\nready\n", (void *) &block, (void *) calm);
    fflush(stdout);
    while (stuck || strcmp(mode, "idle") == 0) {
        pause();
    }
    int pausing = strcmp(mode, "pause") == 0;
    for (uint64_t generation = 1;; generation++) {
        update(&block, generation);
        if (pausing) {
            for (volatile int spin = 0; spin < 20000; spin++) {
                /* about ten microseconds with seq even: long enough for a read to fit in even on a
                   loaded machine, where a syscall can take several (with a shorter pause, one test
                   run under load saw 100 tries in a row overlap an update) */
            }
        }
    }
}
