import CairnHTTP2
import Testing

@Suite struct StreamTableTests {
    final class Box {
        let id: Int32
        init(_ id: Int32) { self.id = id }
    }

    /// The remembered latest lookup never outlives its stream, and never answers for another id.
    @Test func latestLookupFollowsInsertsAndRemovals() {
        var table = StreamTable()
        #expect(table[1] == nil)
        table.insert(Box(1), id: 1)
        table.insert(Box(3), id: 3)
        #expect((table[1] as? Box)?.id == 1)
        #expect((table[3] as? Box)?.id == 3)
        #expect((table[3] as? Box)?.id == 3)
        #expect((table.remove(3) as? Box)?.id == 3)
        #expect(table[3] == nil)
        #expect(table.remove(3) == nil)
        #expect((table[1] as? Box)?.id == 1)
        #expect((table.remove(1) as? Box)?.id == 1)
        #expect(table[1] == nil)
        #expect(table[0] == nil)
        #expect(table.count == 0)
    }

    /// Random inserts, lookups and removals (sequential client ids, ids far apart, and ids that share their low
    /// bits) agree with a `Dictionary` throughout, across growing and shrinking.
    @Test(arguments: [2, 2 << 16, 1 << 20])
    func agreesWithADictionary(idStep: Int32) {
        var generator = SystemRandomNumberGenerator()
        var table = StreamTable()
        var model: [Int32: Box] = [:]
        var nextID: Int32 = 1
        for round in 0..<20_000 {
            let roll = Int.random(in: 0..<10, using: &generator)
            if roll < 4 || model.isEmpty {
                let box = Box(nextID)
                table.insert(box, id: nextID)
                model[nextID] = box
                nextID = nextID &+ idStep
                if nextID <= 0 { nextID = 1 + Int32(round % 1000) * 2 }
            } else if roll < 7 {
                let id = model.keys.randomElement(using: &generator)!
                #expect(table.remove(id) === model.removeValue(forKey: id))
            } else {
                let id = Bool.random(using: &generator) ? model.keys.randomElement(using: &generator)! : nextID
                #expect(table[id] === model[id])
            }
            #expect(table.count == model.count)
        }
        for id in model.keys { #expect(table[id] === model[id]) }
        #expect(table.removeAll().map(\.id) == model.keys.sorted())
    }

    @Test func removeAllReturnsEveryStreamInIdOrder() {
        var table = StreamTable()
        for id: Int32 in [7, 1, 5, 3] { table.insert(Box(id), id: id) }
        #expect(table.removeAll().map(\.id) == [1, 3, 5, 7])
        #expect(table.count == 0)
        #expect(table[7] == nil)
    }
}
