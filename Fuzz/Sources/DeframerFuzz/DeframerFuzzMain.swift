import FuzzerDriver
import Glibc

/// Hands `fuzzDeframer` to libFuzzer's driver (see `cairn_run_fuzzer`).
@main
enum DeframerFuzzMain {
    static func main() {
        exit(cairn_run_fuzzer(CommandLine.argc, CommandLine.unsafeArgv, fuzzDeframer))
    }
}
