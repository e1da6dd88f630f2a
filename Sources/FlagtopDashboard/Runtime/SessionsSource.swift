import FlagtopCore
import FlagtopUI
import RedisClient

/// The Sessions pane's reads: one SCAN step of the session keys per refresh (fewer once Redis reports new
/// keys itself), EXISTS for keys Redis said changed, and the HASHes of the visible sessions not read since
/// they last changed.
struct SessionsSource: PaneSource {
    let pane = Pane.sessions
    private let settings: FlagtopSettings
    private var scanner: SessionScanner
    /// Visible sessions with the unix time they were read, for counting their TTL down.
    private var reads: [[UInt8]: (context: SessionContext, readAt: Double)] = [:]
    /// Session keys Redis reported as changed (created, updated or deleted): an EXISTS tells which.
    private var toCheck: Set<[UInt8]> = []
    /// Once the first pass is done and Redis reports new session keys, a SCAN step runs only every this many refreshes.
    var scanEveryWhenBroadcasting = 10
    private var planned: Planned?

    private struct Planned {
        var scan: PipelineBatch.Handle<RedisReply>?
        var checked: [[UInt8]]
        var exists: PipelineBatch.Handle<[Bool]>?
        var visible: [[UInt8]]
        var dirty: [[UInt8]]
        var sessions: PipelineBatch.Handle<SessionListing>?
    }

    init(settings: FlagtopSettings) {
        self.settings = settings
        scanner = SessionScanner(settings: settings)
    }

    /// The one reply of a one-command fetch, or its error.
    static func single(_ replies: ArraySlice<RedisReply>) throws(FlagtopError) -> RedisReply {
        guard let reply = replies.first else { throw .redis(.protocolError("no reply")) }
        if let error = reply.serverError { throw .redis(error) }
        return reply
    }

    /// Whether the scan has been through the keyspace once.
    var passComplete: Bool { scanner.passComplete }

    mutating func invalidate(_ keys: Set<[UInt8]>, _ context: RefreshContext) {
        let prefix = Array(settings.sessionPrefix.utf8)
        for key in keys {
            reads[key] = nil
            if context.broadcasting, key.starts(with: prefix) { toCheck.insert(key) }
        }
    }

    mutating func invalidateAll() {
        reads = [:]
    }

    mutating func background(_ context: RefreshContext, on connection: any RedisClientProtocol) {}

    mutating func plan(_ batch: inout PipelineBatch, _ context: RefreshContext) {
        if !context.tracking { reads = [:] }
        let store = SessionStore(settings: settings)
        let scanDue = !scanner.passComplete || !context.broadcasting || context.count % scanEveryWhenBroadcasting == 0
        let scan = scanDue ? batch.add(Fetch(commands: [scanner.scanCommand], parse: Self.single)) : nil
        let checked = Array(toCheck.prefix(1_000))
        let exists = checked.isEmpty ? nil
            : batch.add(Fetch(commands: checked.map { RedisCommand("EXISTS", $0) }) { (replies) throws(FlagtopError) -> [Bool] in
                // An error reply says nothing about the key: never take it for "gone".
                if let error = replies.first(where: { $0.serverError != nil })?.serverError { throw .redis(error) }
                return replies.map { $0.int == 1 }
            })
        let visible = scanner.smallestKeys(context.control.visibleSessions)
        let dirty = visible.filter { reads[$0] == nil }
        let sessions = dirty.isEmpty ? nil : batch.add(store.fetch(keys: dirty))
        planned = Planned(scan: scan, checked: checked, exists: exists, visible: visible, dirty: dirty, sessions: sessions)
    }

    mutating func apply(_ results: PipelineBatch.Results, to snapshot: inout DashboardData, _ context: RefreshContext) {
        guard let planned else { return }
        self.planned = nil
        var problem: String?
        if let handle = planned.scan {
            do { try scanner.absorb(try results.value(handle)) } catch { problem = "scan: " + error.description }
        }
        if let handle = planned.exists {
            do {
                let present = try results.value(handle)
                scanner.note(exists: zip(planned.checked, present).filter(\.1).map(\.0), gone: zip(planned.checked, present).filter { !$0.1 }.map(\.0))
                toCheck.subtract(planned.checked)
            } catch {
                problem = problem ?? error.description
            }
        }
        if let handle = planned.sessions {
            do {
                let listing = try results.value(handle)
                for session in listing.sessions { reads[session.key] = (session, context.unixNow) }
                let present = Set(listing.sessions.map(\.key))
                scanner.forget(planned.dirty.filter { !present.contains($0) })
            } catch {
                problem = problem ?? error.description
            }
        }
        if problem == nil || planned.sessions == nil {
            snapshot.sessions = visibleSessions(planned.visible, unixNow: context.unixNow)
        }
        snapshot.sessionCount = max(scanner.keys.count, snapshot.sessions.count)
        report(problem, in: &snapshot)
    }

    /// The visible sessions in `keys` order, TTLs counted down since they were read; drops the others.
    private mutating func visibleSessions(_ keys: [[UInt8]], unixNow: Double) -> [SessionContext] {
        if reads.count > keys.count {
            let keep = Set(keys)
            reads = reads.filter { keep.contains($0.key) }
        }
        return keys.compactMap { key in
            guard let entry = reads[key] else { return nil }
            var session = entry.context
            if let ttl = session.ttl { session.ttl = max(0, ttl - Int(unixNow - entry.readAt)) }
            return session
        }
    }
}
