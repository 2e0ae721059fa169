#ifndef CAIRN_CPU_H
#define CAIRN_CPU_H

// Processor instructions Swift cannot emit by itself: the SSE4.2 `crc32` instruction, for CairnWAL's
// CRC-32C checksums.

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/// Whether this processor has the SSE4.2 `crc32` instruction.
bool cairn_crc32c_hardware_available(void);

/// Continues a CRC-32C over `count` bytes with the `crc32` instruction. `state` is the running,
/// inverted register (start with 0xFFFFFFFF, invert the result). Call only when
/// `cairn_crc32c_hardware_available()` returned true.
uint32_t cairn_crc32c_hardware(uint32_t state, const uint8_t *bytes, size_t count);

#endif
