#ifndef CAIRN_FUZZER_DRIVER_H
#define CAIRN_FUZZER_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// The signature of a libFuzzer target (`LLVMFuzzerTestOneInput`).
typedef int (*cairn_fuzz_target)(const uint8_t *data, size_t size);

/// Runs libFuzzer's driver (argument parsing, corpus, mutation loop) over `target`.
///
/// SwiftPM links every executable with its entry point renamed to `<Target>_main` and aliases `main` to
/// it, which leaves no room for libFuzzer's own `main`; each fuzz target's Swift `@main` calls this instead.
int cairn_run_fuzzer(int argc, char **argv, cairn_fuzz_target target);

#endif
