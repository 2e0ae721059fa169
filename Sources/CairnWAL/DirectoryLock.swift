import Glibc

/// An exclusive `flock` on the data directory's `LOCK` file. `flock` locks belong to the open file
/// description, so a second open in the same process conflicts just like another process does.
struct DirectoryLock {
    /// How long a held lock is retried before the directory counts as taken. A descriptor copied into a
    /// child that another thread is spawning keeps the lock alive until that child execs (when
    /// `O_CLOEXEC` drops it), so a lock released a moment ago can still look held for a few milliseconds.
    static let patience: Duration = .milliseconds(500)

    private let fd: Int32

    init(directory: String) throws {
        let path = FileNames.join(directory, FileNames.lockFile)
        fd = try FileIO.open(path, O_RDWR | O_CREAT)
        let clock = ContinuousClock()
        let deadline = clock.now + Self.patience
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            if code == EWOULDBLOCK && clock.now < deadline {
                usleep(10_000)
                continue
            }
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
