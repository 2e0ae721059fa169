import Benchmark

#if canImport(Glibc)
    import Glibc
#endif

/// Command line: `StoreBench load DIR [--keys N] [--no-fsync]`, `StoreBench open DIR [--keys N]
/// [--recovery-only]`, `StoreBench put DIR [--seconds S] [--no-fsync]`. See ../README.md.
let arguments = Array(CommandLine.arguments.dropFirst())

func option(_ name: String, default fallback: Int) -> Int {
    guard let position = arguments.firstIndex(of: name), position + 1 < arguments.count,
        let value = Int(arguments[position + 1])
    else { return fallback }
    return value
}

guard arguments.count >= 2 else {
    print("usage: StoreBench load|open|put DIR [--keys N] [--no-fsync] [--recovery-only] [--seconds S]")
    exit(2)
}
let directory = arguments[1]
let keys = option("--keys", default: 1_000_000)
switch arguments[0] {
case "load":
    try await LoadCommand.run(directory: directory, keys: keys, noSync: arguments.contains("--no-fsync"))
case "open":
    let store = try OpenCommand.run(directory: directory)
    if !arguments.contains("--recovery-only") {
        ReadBenchmarks.register(store: store, keys: keys)
        Benchmark.main(settings: [TimeUnit(.us)])
    }
    try await store.close()
case "put":
    try await PutCommand.run(
        directory: directory,
        writerCounts: [1, 16, 256],
        seconds: Double(option("--seconds", default: 5)),
        noSync: arguments.contains("--no-fsync")
    )
default:
    print("unknown command \(arguments[0])")
    exit(2)
}
