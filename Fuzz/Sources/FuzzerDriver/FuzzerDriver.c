#include "FuzzerDriver.h"

/// libFuzzer's documented entry point for programs that bring their own `main`.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

int cairn_run_fuzzer(int argc, char **argv, cairn_fuzz_target target) {
    return LLVMFuzzerRunDriver(&argc, &argv, target);
}
