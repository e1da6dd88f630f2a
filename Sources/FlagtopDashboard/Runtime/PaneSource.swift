import FlagtopCore
import FlagtopUI
import RedisClient

/// The reads behind one pane. Each refresh the coordinator asks every source to plan its reads into the
/// shared batch (one pipelined round trip for all of them), then to apply the results to the snapshot.
/// A source whose read failed keeps its last data in the snapshot and says why in `problems[pane]`.
protocol PaneSource {
    var pane: Pane { get }
    /// Redis said these keys changed: forget what was read from them.
    mutating func invalidate(_ keys: Set<[UInt8]>, _ context: RefreshContext)
    /// Forget everything read so far (tracking restarted, or the periodic full re-read).
    mutating func invalidateAll()
    /// Slow work needing several round trips, on the background connection, at its own pace.
    mutating func background(_ context: RefreshContext, on connection: any RedisClientProtocol)
    /// Adds this refresh's reads to the batch.
    mutating func plan(_ batch: inout PipelineBatch, _ context: RefreshContext)
    /// Takes this refresh's results into the snapshot.
    mutating func apply(_ results: PipelineBatch.Results, to snapshot: inout DashboardData, _ context: RefreshContext)
}

extension PaneSource {
    /// Records the outcome of this pane's reads: a failure is shown on the pane, a success clears it.
    func report(_ problem: String?, in snapshot: inout DashboardData) {
        snapshot.problems[pane] = problem.map { String($0.prefix(while: { $0 != "\n" })) }
    }
}
