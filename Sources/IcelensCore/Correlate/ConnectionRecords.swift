/// The stored records of one connection, gathered from a tour's writer streams when the tour closes.
struct ConnectionRecords {
    /// Lines the attendee wrote (role attendee, or role-less lines resolved to it).
    var attendeeOwn: [EventRecord] = []
    /// Server lines that tell what the attendee received or fetched (`turn.config.polled`, `turn.fetch`).
    var attendeeServer: [EventRecord] = []
    /// Guide-side lines that name this attendee as the remote.
    var guideRemote: [EventRecord] = []
    /// Other lines that only show the connection exists (`turn.config.relayed`, server `peer.join`).
    var membership: [EventRecord] = []
    /// The newest time of any line the attendee wrote (including dropped ones).
    var attendeeCoverageMs: Int64?

    /// The earliest time of any record of the connection.
    var firstSeenMs: Int64? {
        var first: Int64?
        func consider(_ list: [EventRecord]) {
            for record in list {
                if let t = record.time { first = min(first ?? t, t) }
            }
        }
        // One list at a time (an array of the four lists was an allocation per connection).
        consider(attendeeOwn)
        consider(attendeeServer)
        consider(guideRemote)
        consider(membership)
        return first
    }
}
