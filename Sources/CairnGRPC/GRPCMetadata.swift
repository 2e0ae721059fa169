/// Custom metadata of a call: request headers other than pseudo-headers, in wire order.
///
/// Keys are lower case (`[0-9a-z_.-]`); keys ending in `-bin` carry base64 values.
package struct GRPCMetadata: Sendable, Hashable {
    /// One metadata entry.
    package struct Entry: Sendable, Hashable {
        package var key: String
        package var value: String
    }

    /// All entries, in order.
    package var entries: [Entry]

    /// Metadata holding `entries`.
    package init(_ entries: [Entry] = []) {
        self.entries = entries
    }

    /// Appends an entry; the key is lower-cased as HTTP/2 requires.
    package mutating func add(_ key: String, _ value: String) {
        entries.append(Entry(key: key.lowercased(), value: value))
    }

    /// The first value stored under `key`.
    package subscript(key: String) -> String? {
        entries.first { $0.key == key }?.value
    }
}

extension GRPCMetadata: ExpressibleByDictionaryLiteral {
    /// Metadata from a literal, keys lower-cased, order kept.
    package init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements.map { Entry(key: $0.0.lowercased(), value: $0.1) })
    }
}
