/// The texts of Go's `strconv` errors, which etcdctl embeds in its argument errors.
package enum GoErrors {
    /// `strconv.ParseInt: parsing "x": invalid syntax` (or `value out of range` for too many digits).
    package static func parseInt(_ text: String) -> String {
        let digits = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        let isNumber = !digits.isEmpty && digits.allSatisfy(\.isHexDigit)
        let reason = isNumber ? "value out of range" : "invalid syntax"
        return "strconv.ParseInt: parsing \(GoQuote.quote(text)): \(reason)"
    }

    /// The same for decimal parses.
    package static func parseDecimal(_ text: String) -> String {
        let digits = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        let isNumber = !digits.isEmpty && digits.allSatisfy(\.isNumber)
        let reason = isNumber ? "value out of range" : "invalid syntax"
        return "strconv.ParseInt: parsing \(GoQuote.quote(text)): \(reason)"
    }
}
