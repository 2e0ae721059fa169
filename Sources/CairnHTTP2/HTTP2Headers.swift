/// An ordered list of header fields of one HTTP/2 header block (pseudo-headers first).
///
/// Names must be lower case, as HTTP/2 requires; values are kept as received.
package struct HTTP2Headers: Sendable, Hashable {
    /// One header field.
    package struct Field: Sendable, Hashable {
        /// Lower-case field name, e.g. `:path` or `content-type`.
        package var name: String
        /// Field value.
        package var value: String

        /// A field with the given name and value.
        package init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The fields, in wire order.
    package var fields: [Field] {
        didSet { nameValuePairs = nil }
    }

    /// nghttp2's form of `fields`, when `prepared()` built it.
    var nameValuePairs: HTTP2NameValuePairs?

    /// A block holding `fields`.
    package init(_ fields: [Field] = []) {
        self.fields = fields
    }

    /// This block with nghttp2's form of it built now, for a block sent again and again (a gRPC server's
    /// response headers and OK trailers): submitting it then copies nothing into a temporary array. Changing
    /// the fields drops the prepared form.
    package func prepared() -> HTTP2Headers {
        var copy = self
        copy.nameValuePairs = HTTP2NameValuePairs(fields)
        return copy
    }

    package static func == (lhs: HTTP2Headers, rhs: HTTP2Headers) -> Bool {
        lhs.fields == rhs.fields
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(fields)
    }

    /// Appends a field.
    package mutating func add(_ name: String, _ value: String) {
        fields.append(Field(name: name, value: value))
    }

    /// The value of the first field called `name`, if any.
    package subscript(name: String) -> String? {
        fields.first { $0.name == name }?.value
    }
}

extension HTTP2Headers: ExpressibleByDictionaryLiteral {
    /// A block built from a literal; the literal's order is kept.
    package init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements.map { Field(name: $0.0, value: $0.1) })
    }
}
