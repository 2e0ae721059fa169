/// A history read the sender performs outside the hub's lock for unsynced watchers of one
/// stream that share a range and a next revision (typically parked together).
struct WatchCatchUpTicket {
    let streamID: Int
    let handles: [Int]
    let range: WatchKeyRange
    let from: Int64
    let through: Int64
}
