#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Compares two byte strings in unsigned lexicographic order, the order etcd keeps keys in.
/// Returns a negative number, zero or a positive number like `memcmp`.
@inline(__always)
func compareBytes(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>) -> Int {
    let shared = min(lhs.count, rhs.count)
    if shared > 0, let left = lhs.baseAddress, let right = rhs.baseAddress {
        let result = memcmp(left, right, shared)
        if result != 0 { return result < 0 ? -1 : 1 }
    }
    return lhs.count == rhs.count ? 0 : (lhs.count < rhs.count ? -1 : 1)
}

/// `compareBytes` for byte arrays.
@inline(__always)
func compareBytes(_ lhs: [UInt8], _ rhs: [UInt8]) -> Int {
    lhs.withUnsafeBufferPointer { left in
        rhs.withUnsafeBufferPointer { right in compareBytes(left, right) }
    }
}

/// Whether `lhs` sorts before `rhs` in unsigned byte order.
@inline(__always)
package func bytesLess(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
    compareBytes(lhs, rhs) < 0
}
