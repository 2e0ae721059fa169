#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Compares two byte strings in unsigned lexicographic order, the order etcd keeps keys in.
/// Returns a negative number, zero or a positive number like `memcmp`.
@inline(__always)
func compareBytes(_ lhs: [UInt8], _ rhs: [UInt8]) -> Int {
    lhs.withUnsafeBufferPointer { left in
        rhs.withUnsafeBufferPointer { right in
            let shared = min(left.count, right.count)
            if shared > 0, let l = left.baseAddress, let r = right.baseAddress {
                let result = memcmp(l, r, shared)
                if result != 0 { return result < 0 ? -1 : 1 }
            }
            return left.count == right.count ? 0 : (left.count < right.count ? -1 : 1)
        }
    }
}

/// Whether `lhs` sorts before `rhs` in unsigned byte order.
@inline(__always)
func bytesLess(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
    compareBytes(lhs, rhs) < 0
}
