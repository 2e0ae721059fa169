import FuzzerDriver
import Glibc

/// Hands `fuzzWAL` to libFuzzer's driver (see `cairn_run_fuzzer`).
@main
enum WALFuzzMain {
    static func main() {
        exit(cairn_run_fuzzer(CommandLine.argc, CommandLine.unsafeArgv, fuzzWAL))
    }
}
