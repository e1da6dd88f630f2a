import FlagtopCore
import RedisClient

/// What every pane source may look at while planning or applying one refresh.
struct RefreshContext {
    let settings: FlagtopSettings
    let control: PollControl
    /// Monotonic seconds (`DashboardClock.now`) and unix seconds (`DashboardClock.unixNow`) of this refresh.
    let now: Double
    let unixNow: Double
    let info: ServerInfo?
    /// Whether Redis reports changes of what was read (else every read is repeated each refresh).
    let tracking: Bool
    /// Whether Redis also reports new keys under the session prefix.
    let broadcasting: Bool
    /// The user asked for this refresh ("refresh now", a new query).
    let forced: Bool
    /// How many refreshes ran before this one.
    let count: Int
    /// The background connection, for a source that completes what the batch returned within the same
    /// refresh (the errors' exception heads); never the poller connection, which makes one round trip.
    let background: any RedisClientProtocol
}
