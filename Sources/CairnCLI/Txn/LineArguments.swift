/// Splits a txn request line into arguments as etcdctl's `argify` does: `"double quoted"` strings
/// with Go escapes, `'single quoted'` strings taken literally, and otherwise runs of non-space.
package enum LineArguments {
    package static func split(_ line: String) -> [String]? {
        var arguments: [String] = []
        var rest = Substring(line)
        while true {
            rest = rest.drop(while: \.isWhitespace)
            guard let first = rest.first else { return arguments }
            switch first {
            case "\"":
                guard let (value, after) = GoStringLiteral.scan(rest) else { return nil }
                arguments.append(String(decoding: value, as: UTF8.self))
                rest = after
            case "'":
                let body = rest.dropFirst()
                guard let end = body.firstIndex(of: "'") else { return nil }
                arguments.append(String(body[body.startIndex..<end]))
                rest = body[body.index(after: end)...]
            default:
                let end = rest.firstIndex(where: \.isWhitespace) ?? rest.endIndex
                arguments.append(String(rest[rest.startIndex..<end]))
                rest = rest[end...]
            }
        }
    }
}
