import Glibc

/// A whole file mapped read-only into memory, so that recovery reads snapshots and segments where the
/// kernel's page cache holds them instead of copying them into fresh arrays. The mapping is
/// populated up front (`MAP_POPULATE`), which costs one system call instead of a page fault per page.
///
/// Bytes past the end of a file that shrank while mapped must not be read (that raises SIGBUS):
/// recovery holds the directory lock, and it is done reading a segment before it truncates a torn tail.
final class MappedFile: @unchecked Sendable {
    /// The file's bytes; empty for an empty file.
    let bytes: UnsafeRawBufferPointer

    init(path: String) throws {
        let fd = try FileIO.open(path, O_RDONLY)
        defer { FileIO.close(fd) }
        let size = try FileIO.size(fd, path: path)
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        let address = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0)
        guard let address, address != UnsafeMutableRawPointer(bitPattern: -1) else { throw FileIO.fail("mmap", path) }
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    /// Maps `path` for the duration of `body` only.
    static func withBytes<Result>(of path: String, _ body: (UnsafeRawBufferPointer) throws -> Result) throws -> Result {
        let file = try MappedFile(path: path)
        return try withExtendedLifetime(file) { try body(file.bytes) }
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }
}
