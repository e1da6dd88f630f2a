import FlagtopCore
import FlagtopUI
import RedisClient

/// The Errors pane's reads: the current query against the RediSearch index as list rows (in the shared
/// batch, again when the query, the error-time ZSET or `searchMaxAge` says so), or the no-module search on
/// the background connection; the exception heads of the listed rows, the fingerprint counts and the
/// document of an open detail view, also on the background connection.
///
/// No refresh transfers an exception body except the one the detail view asks for (issue 14, point 11):
/// list rows leave it out, heads are at most `ErrorDatabase.headBytes` and read once per id.
struct ErrorsSource: PaneSource {
    let pane = Pane.errors
    private let settings: FlagtopSettings
    /// The error index as FT.INFO describes it (prefixes, filter, `ts`); nil until looked at, or when gone.
    private var indexStatus: ErrorDatabase.IndexStatus?
    /// Why no index can be used here (a database the search module does not index), shown in place of hits.
    private var indexProblem: String?
    private var indexExists: Bool { indexStatus?.exists ?? false }
    /// Look at the index again on the next refresh even if it exists (a new server, or the periodic full read).
    private var indexCheckDue = true
    private var lastIndexCheck = -Double.infinity
    private var lastFingerprints = -Double.infinity
    private var fingerprints: [FingerprintCount] = []
    /// The errors changed since the fingerprints were counted: recount soon instead of within 30 s.
    private var fingerprintsStale = false
    /// Exception heads of the listed rows, by id.
    private var heads = ErrorHeadCache()
    /// The last list with its heads filled in, and whether `last` changed since (or heads are missing).
    private var listed: (errors: ErrorSearchResult?, problem: String?) = (nil, nil)
    private var refill = true
    /// The document the open detail view shows (`PollControl.errorDetailKey`), read with its body (bounded).
    private var detail: (key: String, record: ErrorRecord?)?
    /// Why the last background reads failed, each kept until that read runs again.
    private var indexCheckProblem: String?
    private var fingerprintsProblem: String?
    private var detailProblem: String?
    /// The last search, raw list rows, kept until the query, the error-time ZSET or `searchMaxAge` says otherwise.
    private var last: (query: ErrorQuery, result: ErrorSearchResult?, problem: String?, at: Double)?
    /// New errors were written: search again.
    private var changed = true
    /// Errors written without flagtop's time ZSET (the seeds' own writer) are picked up at least this often.
    var searchMaxAge = 5.0
    /// The fingerprint counts are recounted at least this often, and this soon after the errors changed.
    var fingerprintsMaxAge = 30.0
    var fingerprintsAfterChange = 2.0
    private var planned: PipelineBatch.Handle<ErrorSearchResult>?

    init(settings: FlagtopSettings) {
        self.settings = settings
    }

    mutating func invalidate(_ keys: Set<[UInt8]>, _ context: RefreshContext) {
        let timeKey = Array(ErrorDatabase(settings: settings, backend: .basic).timeKey.utf8)
        if keys.contains(timeKey) {
            changed = true
            fingerprintsStale = true
        }
    }

    mutating func invalidateAll() {
        changed = true
        // A new or flushed server, or another database: look at the index again (it may be gone or redefined).
        indexCheckDue = true
        lastFingerprints = -Double.infinity
    }

    mutating func background(_ context: RefreshContext, on connection: any RedisClientProtocol) {
        guard let search = context.info?.search else { return }
        let database = ErrorDatabase(settings: settings, backend: search)
        // The index may be created later (the first report creates it), so look again every few seconds until it exists.
        if search != .basic, indexCheckDue || (!indexExists && context.now - lastIndexCheck > 5) {
            lastIndexCheck = context.now
            indexCheckDue = false
            do {
                indexStatus = try database.ensureIndex(on: connection, create: false)
                (indexProblem, indexCheckProblem) = (nil, nil)
            } catch {
                if case .invalidArgument = error {
                    // Not a failed read: this database cannot hold the index (SPEC §1, db ≠ 0).
                    (indexStatus, indexProblem, indexCheckProblem) = (nil, error.description, nil)
                } else {
                    indexCheckProblem = "index check: " + error.description
                }
            }
        }
        countFingerprints(database, context, on: connection)
        if search == .basic {
            let query = context.control.errorQuery
            do {
                // List rows; their heads come from `heads`, read once per id.
                let result = try database.search(query, on: connection, rows: .list, heads: false)
                if last?.query == query, result != last?.result { fingerprintsStale = true }
                if last?.query != query || result != last?.result { refill = true }
                last = (query, result, nil, context.now)
            } catch {
                last = (query, nil, error.description, context.now)
                refill = true
            }
        }
        readDetail(database, context, on: connection)
    }

    /// Recounted at least every `fingerprintsMaxAge`, on `r` and `f` (a forced refresh), and
    /// `fingerprintsAfterChange` after new errors (issue 14, point 7).
    private mutating func countFingerprints(_ database: ErrorDatabase, _ context: RefreshContext, on connection: any RedisClientProtocol) {
        guard database.backend == .basic || indexExists else {
            // No index, no errors to count.
            (fingerprints, fingerprintsProblem) = ([], nil)
            return
        }
        let age = context.now - lastFingerprints
        guard age > fingerprintsMaxAge || context.forced || (fingerprintsStale && age > fingerprintsAfterChange) else { return }
        lastFingerprints = context.now
        fingerprintsStale = false
        do {
            fingerprints = try database.fingerprints(on: connection, maxDocuments: 10_000)
            fingerprintsProblem = nil
        } catch {
            fingerprintsProblem = "fingerprints: " + error.description
        }
    }

    /// The open detail's document, read when the view opens and on a forced refresh (`r`), never on idle
    /// refreshes: its body may be megabytes. A read that failed (or found nothing) is tried again.
    private mutating func readDetail(_ database: ErrorDatabase, _ context: RefreshContext, on connection: any RedisClientProtocol) {
        guard let key = context.control.errorDetailKey else {
            (detail, detailProblem) = (nil, nil)
            return
        }
        guard detail?.key != key || context.forced || detailProblem != nil else { return }
        do {
            let record = try database.document(key: key, on: connection)
            detail = (key, record)
            detailProblem = record == nil ? "error detail: \(key) is no longer in Redis" : nil
        } catch {
            detail = (key, nil)
            detailProblem = "error detail: " + error.description
        }
    }

    mutating func plan(_ batch: inout PipelineBatch, _ context: RefreshContext) {
        planned = nil
        guard let search = context.info?.search, search != .basic, let status = indexStatus, status.exists else { return }
        let query = context.control.errorQuery
        let stale = last.map { $0.query != query || context.now - $0.at >= searchMaxAge } ?? true
        if stale || context.forced || changed || !context.tracking {
            // List rows: the small fields only, so a refresh does not grow with the exceptions' size.
            planned = batch.add(ErrorDatabase(settings: settings, backend: search).searchFetch(query, status: status, rows: .list))
        }
    }

    mutating func apply(_ results: PipelineBatch.Results, to snapshot: inout DashboardData, _ context: RefreshContext) {
        if let handle = planned {
            planned = nil
            changed = false
            let query = context.control.errorQuery
            do {
                let fresh = try results.value(handle)
                // Errors written without the time ZSET (the seeds' FT.ADD) show only here.
                if last?.query == query, fresh != last?.result { fingerprintsStale = true }
                if last?.query != query || fresh != last?.result { refill = true }
                last = (query, fresh, nil, context.now)
            } catch {
                last = (query, nil, error.description, context.now)
                refill = true
                // Dropped under us (FLUSHALL, FT.DROPINDEX): look for it again instead of failing every refresh.
                if case .notFound = error { indexStatus = nil }
            }
        }
        snapshot.fingerprints = fingerprints
        if let search = context.info?.search, search != .basic, !indexExists {
            last = nil
            (listed, refill) = ((nil, nil), true)
            snapshot.errors = nil
            snapshot.errorQueryProblem = indexProblem ?? "no error index '\(settings.indexName)' yet (the first reported error creates it)"
            snapshot.errorQuery = Self.shown(context.control.errorQuery)
        } else if let last, let search = context.info?.search {
            // A failed search is the query's problem (a syntax error, usually): shown where the hits would be.
            if refill {
                // Only when the list changed or heads are missing: an unchanged list keeps its rows as they were.
                if let result = last.result {
                    let filled = heads.fill(result, database: ErrorDatabase(settings: settings, backend: search), on: context.background)
                    listed = (filled.errors, filled.problem)
                } else {
                    listed = (nil, nil)
                }
                refill = listed.problem != nil
            }
            snapshot.errors = listed.errors
            snapshot.errorQueryProblem = last.problem
            snapshot.errorQuery = Self.shown(last.query)
        }
        snapshot.errorDetail = detail.flatMap { $0.key == context.control.errorDetailKey ? $0.record : nil }
        report(indexCheckProblem ?? fingerprintsProblem ?? detailProblem ?? listed.problem, in: &snapshot)
    }

    /// The query as the pane shows it ("*" for everything).
    private static func shown(_ query: ErrorQuery) -> String { query.text.isEmpty ? "*" : query.text }
}
