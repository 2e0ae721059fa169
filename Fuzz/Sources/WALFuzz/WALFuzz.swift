import CairnWAL
import Glibc

/// A fresh directory under the system's temporary directory.
func makeTemporaryDirectory() -> String {
    var template = Array("/tmp/cairn-walfuzz-XXXXXX".utf8CString)
    guard let created = mkdtemp(&template) else { fatalError("mkdtemp failed: errno \(errno)") }
    return String(cString: created)
}

func writeFile(_ path: String, _ bytes: [UInt8]) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    precondition(fd >= 0, "cannot create \(path)")
    let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    precondition(written == bytes.count, "short write to \(path)")
    close(fd)
}

func removeDirectory(_ path: String) {
    guard let directory = opendir(path) else { return }
    while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) {
            String(cString: $0.bindMemory(to: CChar.self).baseAddress!)
        }
        if name != "." && name != ".." { unlink(path + "/" + name) }
    }
    closedir(directory)
    rmdir(path)
}

func hex16(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}

/// Opens the log and checks what recovery returned: consecutive indexes after the snapshot, and the same
/// result when opened a second time (recovery's own repairs are final).
func openAndCheck(_ directory: String) throws -> WALRecovery {
    let (log, recovery) = try WriteAheadLog.open(directory: directory, options: WALOptions(noSync: true))
    try log.close()
    var expected = recovery.records.first?.index
    for record in recovery.records {
        precondition(record.index == expected, "recovered indexes are not consecutive")
        expected = record.index &+ 1
    }
    if let snapshot = recovery.snapshot, let first = recovery.records.first {
        precondition(first.index == snapshot.index &+ 1, "first record does not follow the snapshot")
    }
    let (again, second) = try WriteAheadLog.open(directory: directory, options: WALOptions(noSync: true))
    try again.close()
    precondition(second.records == recovery.records && second.snapshot == recovery.snapshot, "reopen differs")
    return recovery
}

/// libFuzzer entry. Byte 0: bit 0 picks raw segment bytes or built records, bits 1-3 the segment's first
/// index, bit 4 adds a second segment from the second half. The log must open, or fail with a corruption
/// error after which `repair` makes it open.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWAL(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let data, count > 0 else { return 0 }
    let input = Array(UnsafeBufferPointer(start: data, count: count))
    let mode = input[0]
    let firstIndex = SegmentBuilder.firstIndexes[Int(mode >> 1 & 7) % SegmentBuilder.firstIndexes.count]
    let body = input[1...]
    let halves =
        mode & 16 != 0
        ? [body.prefix(body.count / 2), body.dropFirst(body.count / 2)] : [body]
    let directory = makeTemporaryDirectory()
    defer { removeDirectory(directory) }
    var nextFirst = firstIndex
    for (sequence, half) in halves.enumerated() {
        var builder = SegmentBuilder(input: half)
        let bytes = mode & 1 == 0 ? Array(half) : builder.records(firstIndex: nextFirst)
        writeFile("\(directory)/\(hex16(UInt64(sequence)))-\(hex16(nextFirst)).wal", bytes)
        nextFirst &+= 1
    }
    do {
        _ = try openAndCheck(directory)
    } catch let error as WALError {
        guard case .corrupt = error else { fatalError("unexpected error opening the log: \(error)") }
        do {
            _ = try WriteAheadLog.repair(directory: directory)
            _ = try openAndCheck(directory)
        } catch {
            fatalError("the log does not open after repair: \(error)")
        }
    } catch {
        fatalError("unexpected error opening the log: \(error)")
    }
    return 0
}
