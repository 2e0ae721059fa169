import CairnCLI
import Synchronization

/// A console that records what a command prints and feeds it a fixed stdin.
final class CapturingConsole: Console {
    private struct State {
        var stdout: [UInt8] = []
        var stderr: [UInt8] = []
        var stdin: ArraySlice<UInt8>
    }

    private let state: Mutex<State>

    init(stdin: String = "") {
        state = Mutex(State(stdin: ArraySlice(stdin.utf8)))
    }

    var stdout: String { state.withLock { String(decoding: $0.stdout, as: UTF8.self) } }
    var stderr: String { state.withLock { String(decoding: $0.stderr, as: UTF8.self) } }

    func out(_ bytes: [UInt8]) { state.withLock { $0.stdout += bytes } }
    func err(_ bytes: [UInt8]) { state.withLock { $0.stderr += bytes } }

    func readLine() -> [UInt8]? {
        state.withLock { state in
            guard !state.stdin.isEmpty else { return nil }
            let end = state.stdin.firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? state.stdin.endIndex
            defer { state.stdin = state.stdin[end...] }
            return Array(state.stdin[..<end])
        }
    }

    func readAll() -> [UInt8] {
        state.withLock { state in
            defer { state.stdin = [] }
            return Array(state.stdin)
        }
    }
}
