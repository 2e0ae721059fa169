import CairnHTTP2
import Testing

@Suite struct StreamTableTests {
    final class Box {
        let id: Int32
        init(_ id: Int32) { self.id = id }
    }

    /// The remembered latest lookup never outlives its stream, and never answers for another id.
    @Test func latestLookupFollowsInsertsAndRemovals() {
        var table = StreamTable<Box>()
        #expect(table[1] == nil)
        table.insert(Box(1), id: 1)
        table.insert(Box(3), id: 3)
        #expect(table[1]?.id == 1)
        #expect(table[3]?.id == 3)
        #expect(table[3]?.id == 3)
        #expect(table.remove(3)?.id == 3)
        #expect(table[3] == nil)
        #expect(table.remove(3) == nil)
        #expect(table[1]?.id == 1)
        #expect(table.remove(1)?.id == 1)
        #expect(table[1] == nil)
        #expect(table[0] == nil)
        #expect(table.count == 0)
    }

    @Test func removeAllReturnsEveryStreamInIdOrder() {
        var table = StreamTable<Box>()
        for id: Int32 in [7, 1, 5, 3] { table.insert(Box(id), id: id) }
        #expect(table.removeAll().map(\.id) == [1, 3, 5, 7])
        #expect(table.count == 0)
        #expect(table[7] == nil)
    }
}
