/// Key-range helpers that follow etcd's conventions for `range_end`.
public enum EtcdKeys {
    /// `range_end` meaning "every key from `key` on" (`--from-key`).
    public static let fromKeyEnd: [UInt8] = [0]

    /// The smallest key greater than every key starting with `prefix`: the last byte below 0xFF is
    /// incremented and what follows it dropped. A prefix of only 0xFF bytes (or an empty one) has
    /// no such key, and `[0]` (all keys from `prefix`) is returned.
    public static func prefixEnd(_ prefix: [UInt8]) -> [UInt8] {
        var end = prefix
        while let last = end.last {
            if last < 0xFF {
                end[end.count - 1] = last + 1
                return end
            }
            end.removeLast()
        }
        return fromKeyEnd
    }
}
