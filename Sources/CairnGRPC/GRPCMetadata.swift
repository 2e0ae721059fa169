import CairnHTTP2

/// Custom metadata of a call: request headers other than pseudo-headers, in wire order.
///
/// Keys are lower case (`[0-9a-z_.-]`); keys ending in `-bin` carry base64 values. A server call's metadata
/// shares its request's header fields instead of copying them (most handlers never look at it).
package struct GRPCMetadata: Sendable, Hashable {
    /// One metadata entry.
    package struct Entry: Sendable, Hashable {
        package var key: String
        package var value: String
    }

    /// Header fields in wire order; HTTP/2 pseudo-headers among them (names starting with `:`) are skipped.
    private var fields: [HTTP2Headers.Field]

    /// Metadata holding `entries`.
    package init(_ entries: [Entry] = []) {
        fields = entries.map { HTTP2Headers.Field(name: $0.key, value: $0.value) }
    }

    /// The metadata of a request whose header block has `fields`.
    init(requestFields fields: [HTTP2Headers.Field]) {
        self.fields = fields
    }

    /// All entries, in order.
    package var entries: [Entry] {
        fields.lazy.filter { !Self.isPseudoHeader($0) }.map { Entry(key: $0.name, value: $0.value) }
    }

    /// Appends an entry; the key is lower-cased as HTTP/2 requires.
    package mutating func add(_ key: String, _ value: String) {
        fields.append(HTTP2Headers.Field(name: key.lowercased(), value: value))
    }

    /// The first value stored under `key`.
    package subscript(key: String) -> String? {
        fields.first { $0.name == key && !Self.isPseudoHeader($0) }?.value
    }

    package static func == (lhs: GRPCMetadata, rhs: GRPCMetadata) -> Bool {
        lhs.entries == rhs.entries
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(entries)
    }

    private static func isPseudoHeader(_ field: HTTP2Headers.Field) -> Bool {
        field.name.utf8.first == UInt8(ascii: ":")
    }
}

extension GRPCMetadata: ExpressibleByDictionaryLiteral {
    /// Metadata from a literal, keys lower-cased, order kept.
    package init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements.map { Entry(key: $0.0.lowercased(), value: $0.1) })
    }
}
