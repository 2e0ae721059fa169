#include "cairn_cpu.h"

#include <string.h>

#if defined(__x86_64__)

bool cairn_crc32c_hardware_available(void) {
    return __builtin_cpu_supports("sse4.2");
}

// Compiled for SSE4.2 alone, so that the rest of the program keeps the baseline instruction set.
__attribute__((target("sse4.2")))
uint32_t cairn_crc32c_hardware(uint32_t state, const uint8_t *bytes, size_t count) {
    uint64_t wide = state;
    while (count >= 8) {
        uint64_t word;
        memcpy(&word, bytes, 8);
        wide = __builtin_ia32_crc32di(wide, word);
        bytes += 8;
        count -= 8;
    }
    uint32_t narrow = (uint32_t)wide;
    while (count > 0) {
        narrow = __builtin_ia32_crc32qi(narrow, *bytes);
        bytes += 1;
        count -= 1;
    }
    return narrow;
}

#else

bool cairn_crc32c_hardware_available(void) {
    return false;
}

uint32_t cairn_crc32c_hardware(uint32_t state, const uint8_t *bytes, size_t count) {
    (void)bytes;
    (void)count;
    return state;
}

#endif
