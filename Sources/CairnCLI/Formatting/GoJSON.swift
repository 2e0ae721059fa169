/// A JSON value laid out the way Go's `encoding/json` prints etcdctl's responses: fields in
/// declaration order, no spaces, byte slices in standard base64, HTML-safe string escapes.
package indirect enum GoJSON: Equatable, Sendable {
    case object([(String, GoJSON)])
    case array([GoJSON])
    case string(String)
    case int(Int64)
    case uint(UInt64)
    case bool(Bool)
    case null

    package static func == (lhs: GoJSON, rhs: GoJSON) -> Bool {
        lhs.rendered == rhs.rendered
    }

    /// A byte slice: base64 text, or `null` for a nil slice as Go prints it.
    package static func bytes(_ bytes: [UInt8]) -> GoJSON {
        .string(Base64.encode(bytes))
    }

    package var rendered: String {
        var out = ""
        render(into: &out)
        return out
    }

    private func render(into out: inout String) {
        switch self {
        case .object(let fields):
            out += "{"
            for (index, field) in fields.enumerated() {
                if index > 0 { out += "," }
                GoJSON.appendString(field.0, to: &out)
                out += ":"
                field.1.render(into: &out)
            }
            out += "}"
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.render(into: &out)
            }
            out += "]"
        case .string(let text): GoJSON.appendString(text, to: &out)
        case .int(let value): out += String(value)
        case .uint(let value): out += String(value)
        case .bool(let value): out += value ? "true" : "false"
        case .null: out += "null"
        }
    }

    private static func appendString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                let digits = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
            default:
                if scalar.value < 0x20 {
                    out += "\\u00" + GoQuote.hexByte(UInt8(scalar.value))
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

/// Builds the field list of a Go struct marshalled with `omitempty` tags: zero values are skipped.
package struct GoJSONObject {
    package private(set) var fields: [(String, GoJSON)] = []

    package init() {}

    package mutating func always(_ name: String, _ value: GoJSON) {
        fields.append((name, value))
    }

    package mutating func omitEmpty(_ name: String, _ value: Int64) {
        if value != 0 { fields.append((name, .int(value))) }
    }

    package mutating func omitEmpty(_ name: String, _ value: UInt64) {
        if value != 0 { fields.append((name, .uint(value))) }
    }

    package mutating func omitEmpty(_ name: String, _ value: Bool) {
        if value { fields.append((name, .bool(true))) }
    }

    package mutating func omitEmpty(_ name: String, _ value: String) {
        if !value.isEmpty { fields.append((name, .string(value))) }
    }

    package mutating func omitEmpty(_ name: String, bytes: [UInt8]) {
        if !bytes.isEmpty { fields.append((name, .bytes(bytes))) }
    }

    package mutating func omitEmpty(_ name: String, _ items: [GoJSON]) {
        if !items.isEmpty { fields.append((name, .array(items))) }
    }

    package mutating func omitNil(_ name: String, _ value: GoJSON?) {
        if let value { fields.append((name, value)) }
    }

    package var json: GoJSON { .object(fields) }
}
