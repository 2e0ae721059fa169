/// What a stream's sender does next.
enum WatchStreamStep {
    case send(WatchStreamMessage)
    case catchUp(WatchCatchUpTicket)
    case wait
    case closed
}
