#if canImport(Glibc)
    import Glibc
#endif

/// Moves a large index onto 2 MiB pages. A point get touches a handful of cache lines spread over
/// hundreds of MiB; with 4 KiB pages each of them also misses the TLB and walks the page tables,
/// which huge pages mostly avoid (about a fifth of a point get's time on 1,000,000 keys).
///
/// After recovery every large anonymous read-write mapping (the malloc heaps that hold the index;
/// thread stacks are smaller than the 32 MiB threshold) is marked `MADV_HUGEPAGE`, so that memory it
/// gains later comes in huge pages, and `MADV_COLLAPSE`d, which copies what it holds now into huge
/// pages. Collapsing a few hundred MiB takes a few hundred milliseconds, so it runs on a thread of its
/// own while the store already serves; the kernel keeps the memory consistent meanwhile. Where the
/// kernel lacks either advice (before Linux 6.1) the calls fail and nothing changes.
enum HugePages {
    /// Below this many keys the index is small enough for the TLB as it is.
    static let minimumKeys = 100_000
    private static let minimumMapping: UInt = 32 << 20
    /// `MADV_COLLAPSE` (Linux 6.1), which Debian 12's C library headers predate.
    private static let adviseCollapse: Int32 = 25

    /// Starts collapsing the heap in the background if `keys` make it worthwhile.
    static func adviseHeapInBackground(keys: Int) {
        guard keys >= minimumKeys else { return }
        Task.detached(priority: .background) { await BlockingThread.run { adviseHeap() } }
    }

    private static func adviseHeap() {
        #if os(Linux)
            guard let maps = fopen("/proc/self/maps", "r") else { return }
            defer { fclose(maps) }
            var line = [CChar](repeating: 0, count: 512)
            while fgets(&line, Int32(line.count), maps) != nil {
                let text = String(cString: line)
                let fields = text.split(separator: " ", omittingEmptySubsequences: true)
                guard fields.count >= 5, fields[1].hasPrefix("rw"), fields[4] == "0" else { continue }
                let isHeap = fields.count >= 6 && fields[5].hasPrefix("[heap]")
                guard isHeap || fields.count == 5 else { continue }
                let bounds = fields[0].split(separator: "-")
                guard bounds.count == 2, let start = UInt(bounds[0], radix: 16), let end = UInt(bounds[1], radix: 16)
                else { continue }
                let hugeStart = (start + 0x1F_FFFF) & ~0x1F_FFFF
                let hugeEnd = end & ~0x1F_FFFF
                guard hugeEnd > hugeStart, hugeEnd - hugeStart >= minimumMapping else { continue }
                guard let address = UnsafeMutableRawPointer(bitPattern: hugeStart) else { continue }
                _ = madvise(address, Int(hugeEnd - hugeStart), MADV_HUGEPAGE)
                _ = madvise(address, Int(hugeEnd - hugeStart), adviseCollapse)
            }
        #endif
    }
}
