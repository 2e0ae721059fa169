#if canImport(Glibc)
    import Glibc
#endif

/// Returns freed heap memory to the system after bulk work (loading or writing a snapshot,
/// compacting). glibc otherwise keeps the pages of many small freed allocations, which after
/// loading a large snapshot is a quarter of the resident size. A no-op where glibc is absent.
enum MemoryRelease {
    #if canImport(Glibc)
        private typealias MallocTrim = @convention(c) (Int) -> Int32

        /// glibc's `malloc_trim`, looked up once (it is not part of the Glibc module's interface). Nil under
        /// ThreadSanitizer or AddressSanitizer: their runtime replaces malloc, and glibc's trim would walk
        /// arenas that were never set up (it crashes in `mtrim`).
        private static let mallocTrim: MallocTrim? = {
            let process = UnsafeMutableRawPointer(bitPattern: 0)
            guard dlsym(process, "__tsan_init") == nil, dlsym(process, "__asan_init") == nil,
                let symbol = dlsym(process, "malloc_trim")
            else { return nil }
            return unsafeBitCast(symbol, to: MallocTrim.self)
        }()
    #endif

    static func returnFreedMemory() {
        #if canImport(Glibc)
            _ = mallocTrim?(0)
        #endif
    }
}
