import CairnWire
import Testing

/// Encoding from many threads at once; meaningful under `make sanitize` (ThreadSanitizer), where
/// encoding empty messages concurrently was reported as a race on the shared empty-array storage.
@Suite struct ConcurrentEncodingTests {
    @Test func emptyAndNonEmptyMessagesEncodeConcurrently() async {
        let encodings = await withTaskGroup(of: [UInt8].self) { group in
            for index in 0..<64 {
                group.addTask {
                    index.isMultiple(of: 2)
                        ? LeaseLeasesRequest().encodedBytes() : PutRequest(key: [UInt8(index)]).encodedBytes()
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(encodings.filter(\.isEmpty).count == 32)
        #expect(encodings.filter { $0.count == 3 }.count == 32)
    }
}
