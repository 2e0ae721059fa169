/// The keys selected by a `key` / `range_end` pair (spec §4.3): one key, every key from `key` on
/// (`range_end == "\0"`), or the half-open interval `[key, range_end)`, which is empty when
/// `range_end <= key`.
package struct KeySpan: Sendable {
    /// The first key of the span.
    let lower: [UInt8]
    /// The exclusive upper end; `nil` means unbounded.
    let upper: [UInt8]?

    package init(key: [UInt8], rangeEnd: [UInt8]) {
        lower = key
        if rangeEnd.isEmpty {
            var next = key
            next.append(0)
            upper = next
        } else if rangeEnd == [0] {
            upper = nil
        } else {
            upper = rangeEnd
        }
    }

    /// Whether the span selects no key at all.
    var isEmpty: Bool {
        guard let upper else { return false }
        return compareBytes(upper, lower) <= 0
    }

    package func contains(_ key: [UInt8]) -> Bool {
        guard compareBytes(key, lower) >= 0 else { return false }
        guard let upper else { return true }
        return compareBytes(key, upper) < 0
    }
}
