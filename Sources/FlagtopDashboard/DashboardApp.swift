import Dispatch
import FlagtopCore
import FlagtopUI
import Foundation
import SafeText

/// The running dashboard: the UI thread reads keys and draws; the poller and writer threads do all Redis I/O
/// and hand results over through a mailbox. The state is a value; the screen is `DashboardRenderer.render(state)`.
public final class DashboardApp: @unchecked Sendable {
    public let settings: FlagtopSettings
    public let options: DashboardOptions
    private let mailbox = Locked<[DashboardEvent]>([])
    private let writeAccess = Locked<WriteAccess>(.allowed)
    private let terminate = Locked(false)
    private var signalSources: [DispatchSourceSignal] = []

    public init(settings: FlagtopSettings, options: DashboardOptions) {
        self.settings = settings
        self.options = options
    }

    /// Asks the UI loop to end (from a signal handler or another thread).
    public func requestStop() { terminate.set(true) }

    /// Runs until `q`, Ctrl-C, SIGTERM, SIGHUP or `requestStop()`. Restores the terminal on the way out; a kill or
    /// restore still in flight is given a few seconds to end and its outcome is printed on stderr after the screen
    /// is restored (never a silent exit with a write pending).
    public func run() throws {
        let screen = CursesScreen()
        guard screen.start() else { throw DashboardError("cannot initialise the terminal (is TERM set?)") }
        defer { screen.stop() }
        trapSignals()

        var themes = ThemeController(options: options)
        screen.apply(themes.current.resolved(for: screen.depth))
        let start = ProcessInfo.processInfo.systemUptime
        func now() -> Double { ProcessInfo.processInfo.systemUptime - start }

        let (width, height) = screen.size
        var state = DashboardState(
            width: width, height: height, interval: options.interval, themeName: themes.currentName,
            themeNames: themes.names, readOnlyReason: settings.readOnly ? "--read-only" : nil, errorQuery: "*", now: now()
        )
        var control = PollControl(interval: state.interval)
        control.errorQuery = ErrorQuery(text: "", limit: 100)
        let poller = DashboardPoller(settings: settings, control: control) { [mailbox, writeAccess, settings] result in
            let events = Self.events(for: result, server: settings.endpoint.redacted, access: writeAccess.get(), now: ProcessInfo.processInfo.systemUptime - start)
            mailbox.update { $0.append(contentsOf: events) }
        }
        let writer = DashboardWriter(settings: settings, onAccess: { [writeAccess] access in writeAccess.set(access) }) { [mailbox] outcome in
            let action: WriteAction = outcome.job.action == .kill ? .kill : .restore
            let result = DashboardWriter.result(of: outcome.report)
            mailbox.update { $0.append(.writeFinished(action, toggle: outcome.job.toggle, result: result)) }
        }
        poller.start()
        writer.start()
        defer {
            poller.stop()
            writer.stop()
        }
        for warning in themes.warnings { mailbox.update { $0.append(.showMessage(warning, isError: true)) } }

        // The state last drawn: a frame is rendered only when the screen would change (RedrawPolicy), so an
        // idle dashboard wakes every 50 ms to look for keys and results but draws about once a second.
        var drawn: DashboardState?
        var lastTick = 0.0
        while !terminate.get() {
            var events: [DashboardEvent] = []
            if let key = screen.readKey(timeoutMillis: 50) {
                events.append(Self.event(for: key))
                // Drain a burst of keys (a paste, a held key) before drawing.
                while events.count < 64, let more = screen.readKey(timeoutMillis: 0) { events.append(Self.event(for: more)) }
                // A resize redraws everything even when the size ends where it started.
                if events.contains(where: { if case .resized = $0 { true } else { false } }) { drawn = nil }
            }
            events.append(contentsOf: mailbox.update { pending in defer { pending.removeAll() }; return pending })
            let t = now()
            if t - lastTick >= 0.5 {
                // A vanished terminal makes every read fail at once; exit instead of spinning.
                if screen.terminalGone { break }
                events.append(.tick(now: t))
                lastTick = t
            }
            var quit = false
            for event in events {
                for effect in DashboardReducer.reduce(&state, event) {
                    switch effect {
                    case let .kill(toggle, reason): writer.submit(WriteJob(action: .kill, toggle: toggle, reason: reason))
                    case let .restore(toggle, reason): writer.submit(WriteJob(action: .restore, toggle: toggle, reason: reason))
                    case .refreshNow: poller.control.update { $0.refreshGeneration += 1 }; poller.poke()
                    case let .setInterval(seconds): poller.control.update { $0.interval = seconds }; poller.poke()
                    case let .setPaused(paused): poller.control.update { $0.paused = paused }; poller.poke()
                    case let .setErrorQuery(query):
                        let text = query.trimmingSpaces
                        poller.control.update { $0.errorQuery = ErrorQuery(text: text == "*" ? "" : text, limit: 100); $0.refreshGeneration += 1 }
                        poller.poke()
                    case let .setTheme(name):
                        let warnings = themes.select(name)
                        screen.apply(themes.current.resolved(for: screen.depth))
                        drawn = nil
                        for w in warnings { _ = DashboardReducer.reduce(&state, .showMessage(w, isError: true)) }
                    case .quit: quit = true
                    }
                }
            }
            if quit { break }
            // An open error detail asks the poller for that document with its body (list rows carry none).
            var detailKey: String?
            if case let .detail(detail) = state.overlay, case let .error(id) = detail.kind { detailKey = id }
            if poller.control.get().errorDetailKey != detailKey {
                poller.control.update { $0.errorDetailKey = detailKey }
                poller.poke()
            }
            if RedrawPolicy.needsRedraw(from: drawn, to: state) {
                screen.draw(DashboardRenderer.render(state))
                drawn = state
            }
        }
        // A write still in flight: wait briefly for its outcome, then say it once the terminal is restored.
        let lines = writer.settle(timeout: 5)
        guard !lines.isEmpty else { return }
        screen.stop()
        for line in lines { FileHandle.standardError.write(Data((Sanitizer.singleLine(line) + "\n").utf8)) }
    }

    static func event(for key: Key) -> DashboardEvent {
        if case let .resize(w, h) = key { return .resized(width: w, height: h) }
        return .key(key)
    }

    /// Turns one poll into reducer events.
    static func events(for result: PollResult, server: String, access: WriteAccess, now: Double) -> [DashboardEvent] {
        switch result.connection {
        case let .disconnected(reason, retryIn):
            return [.connectionChanged(.disconnected(reason: reason, retryIn: retryIn))]
        case .connecting:
            return [.connectionChanged(.connecting)]
        case .connected:
            let data = DashboardData(
                server: server, redisVersion: result.info?.version ?? "", searchBackend: result.info?.search.displayName ?? "basic",
                toggles: result.toggles, errorStats: result.errorCounts, sessions: result.sessions, sessionCount: result.sessionCount,
                errors: result.errors, errorQuery: result.errorQueryText.isEmpty ? "*" : result.errorQueryText, errorQueryProblem: result.errorQueryProblem,
                fingerprints: result.fingerprints, logs: result.logs, logNames: result.logNames,
                roundTripMillis: result.roundTripMillis, fetchedAt: now, writeAccess: access
            )
            var withDetail = data
            withDetail.errorDetail = result.errorDetail
            return [.connectionChanged(.connected), .dataArrived(withDetail)]
        }
    }

    private func trapSignals() {
        for sig in [SIGTERM, SIGHUP, SIGINT] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [terminate] in terminate.set(true) }
            source.resume()
            signalSources.append(source)
        }
    }
}

/// The dashboard could not start.
public struct DashboardError: Error, CustomStringConvertible {
    public var description: String
    init(_ message: String) { description = message }
}
