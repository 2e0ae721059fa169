import FuzzerDriver
import Glibc

/// Hands `fuzzWire` to libFuzzer's driver (see `cairn_run_fuzzer`).
@main
enum WireFuzzMain {
    static func main() {
        exit(cairn_run_fuzzer(CommandLine.argc, CommandLine.unsafeArgv, fuzzWire))
    }
}
