import Glibc

/// Thin wrappers over the POSIX calls the log needs, turning failures into ``WALError/io(operation:path:code:)``
/// and retrying on `EINTR`.
enum FileIO {
    static func fail(_ operation: String, _ path: String) -> WALError {
        .io(operation: operation, path: path, code: errno)
    }

    static func open(_ path: String, _ flags: Int32, mode: mode_t = 0o644) throws -> Int32 {
        while true {
            let fd = Glibc.open(path, flags | O_CLOEXEC, mode)
            if fd >= 0 { return fd }
            if errno != EINTR { throw fail("open", path) }
        }
    }

    static func close(_ fd: Int32) {
        _ = Glibc.close(fd)
    }

    /// Writes all of `bytes` at `offset`, looping over short writes.
    static func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int, path: String) throws {
        var done = 0
        while done < bytes.count {
            let result = pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            if result < 0 {
                if errno == EINTR { continue }
                throw fail("write", path)
            }
            done += result
        }
    }

    /// Reads up to `buffer.count` bytes at `offset`; returns how many were read (fewer only at end of file).
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int, path: String) throws
        -> Int
    {
        var done = 0
        while done < buffer.count {
            let result = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if result < 0 {
                if errno == EINTR { continue }
                throw fail("read", path)
            }
            if result == 0 { break }
            done += result
        }
        return done
    }

    static func size(_ fd: Int32, path: String) throws -> Int {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw fail("fstat", path) }
        return Int(info.st_size)
    }

    static func size(of path: String) throws -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { throw fail("stat", path) }
        return Int(info.st_size)
    }

    /// The whole content of a file, read with one allocation.
    ///
    /// An empty file returns `[]` at once: `Array(unsafeUninitializedCapacity: 0)` stores its count into
    /// the shared empty-array storage, a write that ThreadSanitizer reports as a race with any other thread
    /// touching an empty array.
    static func readFile(_ path: String) throws -> [UInt8] {
        let fd = try open(path, O_RDONLY)
        defer { close(fd) }
        let size = try size(fd, path: path)
        guard size > 0 else { return [] }
        var readCount = 0
        let bytes = try [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            readCount = try read(fd, into: UnsafeMutableRawBufferPointer(buffer), at: 0, path: path)
            count = readCount
        }
        return bytes
    }

    static func syncData(_ fd: Int32, path: String) throws {
        while fdatasync(fd) != 0 {
            if errno != EINTR { throw fail("fdatasync", path) }
        }
    }

    /// Makes a directory's entries (created, renamed or removed files) durable.
    static func syncDirectory(_ path: String) throws {
        let fd = try open(path, O_RDONLY | O_DIRECTORY)
        defer { close(fd) }
        while fsync(fd) != 0 {
            if errno != EINTR { throw fail("fsync", path) }
        }
    }

    static func truncate(_ path: String, to size: Int) throws {
        let fd = try open(path, O_WRONLY)
        defer { close(fd) }
        guard ftruncate(fd, off_t(size)) == 0 else { throw fail("ftruncate", path) }
        try syncData(fd, path: path)
    }

    static func remove(_ path: String) throws {
        guard unlink(path) == 0 || errno == ENOENT else { throw fail("unlink", path) }
    }

    static func rename(_ from: String, to: String) throws {
        guard Glibc.rename(from, to) == 0 else { throw fail("rename", from) }
    }

    /// Creates `path` (and missing parents) if it does not exist, syncing each parent that gained an entry.
    static func makeDirectory(_ path: String) throws {
        var info = stat()
        if stat(path, &info) == 0 { return }
        let parent = FileNames.directory(of: path)
        if parent != path { try makeDirectory(parent) }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw fail("mkdir", path) }
        try syncDirectory(parent)
    }

    /// Names of the entries of a directory, without `.` and `..`.
    static func list(_ path: String) throws -> [String] {
        guard let directory = opendir(path) else { throw fail("opendir", path) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
