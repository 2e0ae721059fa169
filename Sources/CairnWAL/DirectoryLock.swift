import Glibc

/// An exclusive `flock` on the data directory's `LOCK` file. `flock` locks belong to the open file
/// description, so a second open in the same process conflicts just like another process does.
struct DirectoryLock {
    private let fd: Int32

    init(directory: String) throws {
        let path = FileNames.join(directory, FileNames.lockFile)
        fd = try FileIO.open(path, O_RDWR | O_CREAT)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            FileIO.close(fd)
            if code == EWOULDBLOCK { throw WALError.locked(directory: directory) }
            throw WALError.io(operation: "flock", path: path, code: code)
        }
    }

    /// Closing the descriptor drops the lock.
    func release() {
        FileIO.close(fd)
    }
}
