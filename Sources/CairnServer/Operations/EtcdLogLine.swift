import Logging

/// One log record rendered the way etcd's zap logger renders it.
struct EtcdLogLine {
    var level: Logger.Level
    var timestamp: LogTimestamp
    var caller: String?
    var message: String
    var fields: Logger.Metadata

    /// zap's level names: swift-log's `trace` shows as `debug`, `notice` as `info`, `critical` as `fatal`.
    static func levelName(_ level: Logger.Level) -> String {
        switch level {
        case .trace, .debug: "debug"
        case .info, .notice: "info"
        case .warning: "warn"
        case .error: "error"
        case .critical: "fatal"
        }
    }

    /// `{"level":"info","ts":"…","caller":"…","msg":"…",<fields sorted by key>}`
    var json: String {
        var members = [("level", JSONText.quoted(Self.levelName(level))), ("ts", JSONText.quoted(timestamp.rfc3339))]
        if let caller { members.append(("caller", JSONText.quoted(caller))) }
        members.append(("msg", JSONText.quoted(message)))
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
            members.append((key, Self.json(value)))
        }
        return JSONText.object(members)
    }

    /// `<ts>\t<LEVEL>\t<caller>\t<msg>\t{fields as JSON}`, like zap's console encoder.
    var console: String {
        var columns = [timestamp.rfc3339, Self.levelName(level).uppercased()]
        if let caller { columns.append(caller) }
        columns.append(message)
        if !fields.isEmpty {
            columns.append(
                JSONText.object(fields.sorted(by: { $0.key < $1.key }).map { ($0.key, Self.json($0.value)) }))
        }
        return columns.joined(separator: "\t")
    }

    static func json(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): JSONText.quoted(text)
        case .stringConvertible(let convertible): JSONText.quoted(convertible.description)
        case .array(let items): "[" + items.map(json).joined(separator: ",") + "]"
        case .dictionary(let entries):
            JSONText.object(entries.sorted(by: { $0.key < $1.key }).map { ($0.key, json($0.value)) })
        }
    }
}
