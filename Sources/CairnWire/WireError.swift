/// A protobuf decoding failure, naming the message and (when known) the field where it happened.
public struct WireError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Hashable {
        /// The input ended inside a tag, a varint or a fixed-width value.
        case truncated
        /// A length-delimited payload claims more bytes than the enclosing message holds.
        case lengthPastEnd
        /// A varint ran over 10 bytes.
        case varintTooLong
        /// A tag with field number 0 or above 2^29-1.
        case invalidFieldNumber
        /// A tag with wire type 6 or 7.
        case invalidWireType(UInt8)
        /// A known field arrived with a wire type its declared type does not allow.
        case wrongWireType(UInt8)
        /// An end-group tag with no matching start-group, or a group that never ends.
        case unbalancedGroup
        /// A `string` field holding bytes that are not UTF-8.
        case invalidUTF8
        /// Messages (or groups) nested deeper than ``WireError/maximumDepth``.
        case nestingTooDeep
    }

    /// How deep messages and groups may nest before decoding gives up (the limit protobuf libraries use).
    public static let maximumDepth = 100

    public var kind: Kind
    /// The fully qualified protobuf message name, e.g. `etcdserverpb.RangeRequest`.
    public var message: String
    /// The protobuf field name, or nil when the failure is not tied to a known field.
    public var field: String?

    public init(_ kind: Kind, message: String, field: String? = nil) {
        self.kind = kind
        self.message = message
        self.field = field
    }

    public var description: String {
        let location = field.map { "\(message).\($0)" } ?? message
        switch kind {
        case .truncated: return "\(location): unexpected end of input"
        case .lengthPastEnd: return "\(location): length runs past the end of the message"
        case .varintTooLong: return "\(location): varint longer than 10 bytes"
        case .invalidFieldNumber: return "\(location): invalid field number"
        case .invalidWireType(let type): return "\(location): invalid wire type \(type)"
        case .wrongWireType(let type): return "\(location): wrong wire type \(type)"
        case .unbalancedGroup: return "\(location): unbalanced group"
        case .invalidUTF8: return "\(location): string is not valid UTF-8"
        case .nestingTooDeep: return "\(location): nesting deeper than \(Self.maximumDepth)"
        }
    }
}
