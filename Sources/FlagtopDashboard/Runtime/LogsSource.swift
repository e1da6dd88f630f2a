import FlagtopCore
import FlagtopUI
import RedisClient

/// The Recent logs pane's reads: the names of the `recent:<name>:<severity>` lists (SCAN, in the
/// background every 10 s) and the lists not read since Redis said they changed, merged oldest first.
struct LogsSource: PaneSource {
    let pane = Pane.logs
    private var lists: [(name: String, severity: String)] = []
    private var lastScan = -Double.infinity
    private var scanProblem: String?
    /// List key → entries, newest first.
    private var reads: [String: [LogEntry]] = [:]
    /// Oldest first, merged across `mergedKeys`; nil after any list changed.
    private var merged: [LogEntry]?
    private var mergedKeys: [String] = []
    private var planned: (keys: [String], lists: [(name: String, severity: String)], handle: PipelineBatch.Handle<[[LogEntry]]>?)?

    mutating func invalidate(_ keys: Set<[UInt8]>, _ context: RefreshContext) {
        for key in keys where reads.removeValue(forKey: String(decoding: key, as: UTF8.self)) != nil { merged = nil }
    }

    mutating func invalidateAll() {
        reads = [:]
        merged = nil
        lastScan = -Double.infinity
    }

    mutating func background(_ context: RefreshContext, on connection: any RedisClientProtocol) {
        guard context.now - lastScan > 10 else { return }
        do {
            let names = try RecentLogs().names(on: connection, maxSteps: 50)
            lastScan = context.now
            lists = names.keys.sorted().flatMap { name in names[name]!.map { (name, $0) } }
            scanProblem = nil
        } catch {
            scanProblem = "log names: " + error.description
        }
    }

    mutating func plan(_ batch: inout PipelineBatch, _ context: RefreshContext) {
        if !context.tracking {
            reads = [:]
            merged = nil
        }
        let lists = Array(self.lists.prefix(context.control.maxLogLists))
        let keys = lists.map { RecentLogs.key(name: $0.name, severity: $0.severity) }
        let dirty = lists.indices.filter { reads[keys[$0]] == nil }
        let handle = dirty.isEmpty ? nil : batch.add(Fetch(commands: dirty.map { RedisCommand("LRANGE", keys[$0], 0, 49) }) { (replies) throws(FlagtopError) -> [[LogEntry]] in
            var parser = AscTimeParser()
            var out: [[LogEntry]] = []
            for (i, reply) in zip(dirty, replies) {
                // An error reply is never an empty list.
                if let error = reply.serverError { throw .redis(error) }
                out.append((reply.array ?? []).compactMap(\.bytes).map { RecentLogs.entry(name: lists[i].name, severity: lists[i].severity, raw: $0, using: &parser) })
            }
            return out
        })
        planned = (keys, dirty.map { lists[$0] }, handle)
    }

    mutating func apply(_ results: PipelineBatch.Results, to snapshot: inout DashboardData, _ context: RefreshContext) {
        guard let planned else { return }
        self.planned = nil
        var problem: String?
        if let handle = planned.handle {
            do {
                for (list, entries) in zip(planned.lists, try results.value(handle)) {
                    reads[RecentLogs.key(name: list.name, severity: list.severity)] = entries
                }
                merged = nil
            } catch {
                problem = error.description
            }
        }
        if problem == nil, merged == nil || planned.keys != mergedKeys {
            if reads.count > planned.keys.count {
                let keep = Set(planned.keys)
                reads = reads.filter { keep.contains($0.key) }
            }
            merged = RecentLogs.mergeNewestFirst(planned.keys.map { reads[$0] ?? [] }).reversed()
            mergedKeys = planned.keys
            snapshot.logs = merged ?? []
            snapshot.logNames = Array(Set(lists.map(\.name))).sorted()
        }
        report(problem ?? scanProblem, in: &snapshot)
    }
}
