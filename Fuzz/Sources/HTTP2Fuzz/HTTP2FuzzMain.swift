import FuzzerDriver
import Glibc

/// Hands `fuzzHTTP2` to libFuzzer's driver (see `cairn_run_fuzzer`).
@main
enum HTTP2FuzzMain {
    static func main() {
        exit(cairn_run_fuzzer(CommandLine.argc, CommandLine.unsafeArgv, fuzzHTTP2))
    }
}
