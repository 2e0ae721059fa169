/// The data set of the memory and recovery figures, as `../../shared/bench/load_keys.py` writes it
/// to etcd: keys `mem/` plus a 10-digit index, 100-byte values.
enum Dataset {
    static let valueSize = 100

    static func key(_ index: Int) -> [UInt8] {
        let digits = String(index)
        return Array("mem/".utf8) + [UInt8](repeating: UInt8(ascii: "0"), count: max(0, 10 - digits.count))
            + Array(digits.utf8)
    }

    /// A fresh value array for key `index`. Each put gets its own array, as a value decoded from the
    /// network would be, so that the store cannot share one buffer across keys.
    static func value(_ index: Int) -> [UInt8] {
        var value = [UInt8](repeating: UInt8(ascii: "x"), count: valueSize)
        var remaining = index
        var position = valueSize - 1
        while remaining > 0 && position >= 0 {
            value[position] = UInt8(ascii: "0") + UInt8(remaining % 10)
            remaining /= 10
            position -= 1
        }
        return value
    }
}
