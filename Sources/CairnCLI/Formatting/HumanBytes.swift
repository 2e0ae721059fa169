import Foundation

/// go-humanize's `Bytes` (SI units), used by etcdctl for the database size in `endpoint status`:
/// `20480` prints as `20 kB`, `1500000` as `1.5 MB`.
package enum HumanBytes {
    package static func format(_ size: UInt64) -> String {
        if size < 10 { return "\(size) B" }
        let units = ["B", "kB", "MB", "GB", "TB", "PB", "EB"]
        let exponent = min(Int((log(Double(size)) / log(1000)).rounded(.down)), units.count - 1)
        let scaled = Double(size) / pow(1000, Double(exponent))
        let value = (scaled * 10 + 0.5).rounded(.down) / 10
        let number = value < 10 ? String(format: "%.1f", value) : String(format: "%.0f", value)
        return number + " " + units[exponent]
    }
}
