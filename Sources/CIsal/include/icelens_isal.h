#ifndef ICELENS_ISAL_H
#define ICELENS_ISAL_H
#include <stdint.h>

/// Optional gzip decoding with Intel ISA-L's igzip, loaded at run time (dlopen of libisal.so.2) so that icelens
/// builds and runs without it. Compiled in only when ISA-L's header was present at build time (Debian libisal-dev).

/// Why ISA-L cannot be used, or NULL when it can (loads the library on the first call; thread-safe).
const char *icelens_isal_unavailable_reason(void);

/// A new decoding state for gzip members (header parsed, CRC-32 and length checked), or NULL.
void *icelens_isal_new(void);
/// Frees a state from icelens_isal_new.
void icelens_isal_free(void *state);
/// Makes the state ready for the next gzip member.
void icelens_isal_reset(void *state);

/// Outcome of one icelens_isal_inflate call.
typedef struct {
    /// ISA-L's return code: 0 ok, negative for invalid data.
    int32_t status;
    /// Compressed bytes taken from the input.
    uint32_t consumed;
    /// Decoded bytes written to the output.
    uint32_t produced;
    /// The member ended (trailer checked); unused input is not counted in `consumed`.
    int32_t finished;
} icelens_isal_step;

/// Decodes from `input` into `output` until one of them is used up, the member ends or invalid data is found.
icelens_isal_step icelens_isal_inflate(void *state, const uint8_t *input, uint32_t input_count, uint8_t *output,
                                       uint32_t output_count);
#endif
