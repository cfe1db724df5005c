#include "icelens_isal.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>

#if defined(__has_include)
#if __has_include(<isa-l/igzip_lib.h>)
#include <isa-l/igzip_lib.h>
#define ICELENS_HAVE_ISAL_HEADER 1
#endif
#endif

#ifdef ICELENS_HAVE_ISAL_HEADER

static void (*fn_init)(struct inflate_state *);
static void (*fn_reset)(struct inflate_state *);
static int (*fn_inflate)(struct inflate_state *);
static const char *load_error;
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void load(void) {
    // ICELENS_ISAL_LIBRARY names another copy of the library (or a missing one, to test the message).
    const char *name = getenv("ICELENS_ISAL_LIBRARY");
    int named = name != NULL && name[0] != 0;
    void *lib = dlopen(named ? name : "libisal.so.2", RTLD_NOW | RTLD_LOCAL);
    if (lib == NULL) {
        load_error = named ? "ICELENS_ISAL_LIBRARY names no loadable ISA-L library (unset it to use libisal.so.2 "
                             "from Debian package libisal2)"
                           : "ISA-L is not installed (Debian package libisal2: libisal.so.2 not found)";
        return;
    }
    fn_init = (void (*)(struct inflate_state *))dlsym(lib, "isal_inflate_init");
    fn_reset = (void (*)(struct inflate_state *))dlsym(lib, "isal_inflate_reset");
    fn_inflate = (int (*)(struct inflate_state *))dlsym(lib, "isal_inflate");
    if (fn_init == NULL || fn_reset == NULL || fn_inflate == NULL) {
        load_error = named ? "the library ICELENS_ISAL_LIBRARY names lacks isal_inflate_init, isal_inflate_reset or "
                             "isal_inflate (unset it to use libisal.so.2 from Debian package libisal2)"
                           : "libisal.so.2 lacks isal_inflate_init, isal_inflate_reset or isal_inflate (reinstall "
                             "Debian package libisal2)";
    }
}

const char *icelens_isal_unavailable_reason(void) {
    pthread_once(&load_once, load);
    return load_error;
}

void *icelens_isal_new(void) {
    if (icelens_isal_unavailable_reason() != NULL) return NULL;
    struct inflate_state *state = malloc(sizeof(struct inflate_state));
    if (state == NULL) return NULL;
    fn_init(state);
    state->crc_flag = ISAL_GZIP;
    return state;
}

void icelens_isal_free(void *state) { free(state); }

void icelens_isal_reset(void *state) {
    struct inflate_state *s = state;
    fn_reset(s);
    s->crc_flag = ISAL_GZIP;
}

icelens_isal_step icelens_isal_inflate(void *state, const uint8_t *input, uint32_t input_count, uint8_t *output,
                                       uint32_t output_count) {
    struct inflate_state *s = state;
    s->next_in = (uint8_t *)input;
    s->avail_in = input_count;
    s->next_out = output;
    s->avail_out = output_count;
    icelens_isal_step step;
    step.status = fn_inflate(s);
    step.consumed = input_count - s->avail_in;
    step.produced = output_count - s->avail_out;
    step.finished = s->block_state == ISAL_BLOCK_FINISH;
    return step;
}

#else

const char *icelens_isal_unavailable_reason(void) {
    return "this icelens was built without ISA-L (install Debian packages libisal-dev and libisal2, then rebuild)";
}
void *icelens_isal_new(void) { return NULL; }
void icelens_isal_free(void *state) { (void)state; }
void icelens_isal_reset(void *state) { (void)state; }
icelens_isal_step icelens_isal_inflate(void *state, const uint8_t *input, uint32_t input_count, uint8_t *output,
                                       uint32_t output_count) {
    (void)state; (void)input; (void)input_count; (void)output; (void)output_count;
    icelens_isal_step step = {-100, 0, 0, 0};
    return step;
}

#endif
