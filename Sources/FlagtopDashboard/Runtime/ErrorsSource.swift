import FlagtopCore
import FlagtopUI
import RedisClient

/// The Errors pane's reads: the current query against the RediSearch index (in the shared batch, again
/// when the query, the error-time ZSET or `searchMaxAge` says so), or the no-module search and the
/// fingerprint counts on the background connection.
struct ErrorsSource: PaneSource {
    let pane = Pane.errors
    private let settings: FlagtopSettings
    private var indexExists = false
    private var indexHasTimestamp = false
    private var lastIndexCheck = -Double.infinity
    private var lastFingerprints = -Double.infinity
    private var fingerprints: [FingerprintCount] = []
    private var backgroundProblem: String?
    /// The last search, kept until the query, the error-time ZSET or `searchMaxAge` says otherwise.
    private var last: (query: ErrorQuery, result: ErrorSearchResult?, problem: String?, at: Double)?
    /// New errors were written: search again.
    private var changed = true
    /// Errors written without flagtop's time ZSET (the seeds' own writer) are picked up at least this often.
    var searchMaxAge = 5.0
    private var planned: PipelineBatch.Handle<ErrorSearchResult>?

    init(settings: FlagtopSettings) {
        self.settings = settings
    }

    mutating func invalidate(_ keys: Set<[UInt8]>, _ context: RefreshContext) {
        let timeKey = Array(ErrorDatabase(settings: settings, backend: .basic).timeKey.utf8)
        if keys.contains(timeKey) { changed = true }
    }

    mutating func invalidateAll() {
        changed = true
        // A new or flushed server, or another database: look for the index again.
        indexExists = false
        lastIndexCheck = -Double.infinity
        lastFingerprints = -Double.infinity
    }

    mutating func background(_ context: RefreshContext, on connection: RedisConnection) {
        guard let search = context.info?.search else { return }
        var problems: [String] = []
        let database = ErrorDatabase(settings: settings, backend: search)
        // The index may be created later (the first report creates it), so look again every few seconds until it exists.
        if search != .basic, !indexExists, context.now - lastIndexCheck > 5 {
            lastIndexCheck = context.now
            do {
                let status = try database.ensureIndex(on: connection, create: false)
                indexExists = status.exists
                indexHasTimestamp = status.hasTimestamp
            } catch {
                problems.append("index check: " + error.description)
            }
        }
        if search != .basic, context.now - lastFingerprints > 30 {
            lastFingerprints = context.now
            do { fingerprints = try database.fingerprints(on: connection, maxDocuments: 10_000) } catch {
                problems.append("fingerprints: " + error.description)
            }
        }
        if search == .basic {
            do { last = (context.control.errorQuery, try database.search(context.control.errorQuery, on: connection), nil, context.now) } catch {
                last = (context.control.errorQuery, nil, error.description, context.now)
            }
        }
        backgroundProblem = problems.first
    }

    mutating func plan(_ batch: inout PipelineBatch, _ context: RefreshContext) {
        planned = nil
        guard let search = context.info?.search, search != .basic, indexExists else { return }
        let query = context.control.errorQuery
        let stale = last.map { $0.query != query || context.now - $0.at >= searchMaxAge } ?? true
        if stale || context.forced || changed || !context.tracking {
            planned = batch.add(ErrorDatabase(settings: settings, backend: search).searchFetch(query, sortByTime: indexHasTimestamp))
        }
    }

    mutating func apply(_ results: PipelineBatch.Results, to snapshot: inout DashboardData, _ context: RefreshContext) {
        if let handle = planned {
            planned = nil
            changed = false
            do { last = (context.control.errorQuery, try results.value(handle), nil, context.now) } catch {
                last = (context.control.errorQuery, nil, error.description, context.now)
                // Dropped under us (FLUSHALL, FT.DROP): look for it again instead of failing every refresh.
                if error.description.lowercased().contains("unknown index") { indexExists = false }
            }
        }
        snapshot.fingerprints = fingerprints
        if let search = context.info?.search, search != .basic, !indexExists {
            last = nil
            snapshot.errors = nil
            snapshot.errorQueryProblem = "no error index '\(settings.indexName)' yet (the first reported error creates it)"
            snapshot.errorQuery = Self.shown(context.control.errorQuery)
        } else if let last {
            // A failed search is the query's problem (a syntax error, usually): shown where the hits would be.
            snapshot.errors = last.result
            snapshot.errorQueryProblem = last.problem
            snapshot.errorQuery = Self.shown(last.query)
        }
        report(backgroundProblem, in: &snapshot)
    }

    /// The query as the pane shows it ("*" for everything).
    private static func shown(_ query: ErrorQuery) -> String { query.text.isEmpty ? "*" : query.text }
}
