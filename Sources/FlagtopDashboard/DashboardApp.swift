import Dispatch
import FlagtopCore
import FlagtopUI
import Foundation
import SafeText
import Synchronization

/// The running dashboard: the UI thread reads keys and draws; the poller and writer threads do all Redis I/O
/// and hand results over through a mailbox. The state is a value; the screen is `DashboardRenderer.render(state)`.
public final class DashboardApp: @unchecked Sendable {
    public let settings: FlagtopSettings
    public let options: DashboardOptions
    /// Events from the worker threads, taken by the UI loop.
    private let mailbox = Mutex<[DashboardEvent]>([])
    private let terminate = Mutex(false)
    /// Only touched by `run()`, before the loop starts.
    private var signalSources: [DispatchSourceSignal] = []

    public init(settings: FlagtopSettings, options: DashboardOptions) {
        self.settings = settings
        self.options = options
    }

    /// Hands events from a worker thread to the UI loop.
    private func post(_ events: [DashboardEvent]) {
        mailbox.withLock { $0.append(contentsOf: events) }
    }

    /// Asks the UI loop to end (from a signal handler or another thread).
    public func requestStop() { terminate.withLock { $0 = true } }

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
        let clock = SystemClock()

        let (width, height) = screen.size
        var state = DashboardState(
            width: width, height: height, interval: options.interval, themeName: themes.currentName,
            themeNames: themes.names, readOnlyReason: settings.readOnly ? "--read-only" : nil, errorQuery: "*", now: clock.now
        )
        let poller = DashboardPoller(settings: settings, clock: clock, control: PollControl(interval: state.interval)) { [self] outcome in
            post(Self.events(for: outcome))
        }
        let writer = DashboardWriter(settings: settings, onAccess: { [self] access in
            post([.writeAccessChanged(access)])
        }) { [self] outcome in
            post([.writeFinished(outcome.job.action, toggle: outcome.job.toggle, result: DashboardWriter.result(of: outcome.report))])
        }
        poller.start()
        writer.start()
        defer {
            poller.stop()
            writer.stop()
        }
        post(themes.warnings.map { .showMessage($0, isError: true) })

        // The state last drawn: a frame is rendered only when the screen would change (RedrawPolicy), so an
        // idle dashboard wakes every 50 ms to look for keys and results but draws about once a second.
        var drawn: DashboardState?
        var requestedDetail: String?
        var lastTick = 0.0
        while !terminate.withLock({ $0 }) {
            var events: [DashboardEvent] = []
            if let key = screen.readKey(timeoutMillis: 50) {
                events.append(Self.event(for: key))
                // Drain a burst of keys (a paste, a held key) before drawing.
                while events.count < 64, let more = screen.readKey(timeoutMillis: 0) { events.append(Self.event(for: more)) }
                // A resize redraws everything even when the size ends where it started.
                if events.contains(where: { if case .resized = $0 { true } else { false } }) { drawn = nil }
            }
            events.append(contentsOf: mailbox.withLock { pending in defer { pending.removeAll() }; return pending })
            let t = clock.now
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
                    case let .write(action, toggle, reason): writer.submit(WriteJob(action: action, toggle: toggle, reason: reason))
                    case .refreshNow: poller.update { $0.refreshGeneration += 1 }
                    case let .setInterval(seconds): poller.update { $0.interval = seconds }
                    case let .setPaused(paused): poller.update { $0.paused = paused }
                    case let .setErrorQuery(query):
                        let text = query.trimmingSpaces
                        poller.update { $0.errorQuery = ErrorQuery(text: text == "*" ? "" : text, limit: 100); $0.refreshGeneration += 1 }
                    case let .setTheme(name):
                        let warnings = themes.select(name)
                        screen.apply(themes.current.resolved(for: screen.depth))
                        drawn = nil
                        for w in warnings { _ = DashboardReducer.reduce(&state, .showMessage(w, isError: true)) }
                    case .suspend:
                        // Stopped here until the shell resumes us; then everything is drawn again.
                        screen.suspend()
                        drawn = nil
                    case .quit: quit = true
                    }
                }
            }
            if quit { break }
            // An open error detail asks the poller for that document with its body (list rows carry none).
            var detailKey: String?
            if case let .detail(detail) = state.overlay, case let .error(id) = detail.kind { detailKey = id }
            if detailKey != requestedDetail {
                requestedDetail = detailKey
                poller.update { $0.errorDetailKey = detailKey; $0.refreshGeneration += 1 }
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

    /// Turns one refresh into reducer events.
    static func events(for outcome: RefreshOutcome) -> [DashboardEvent] {
        guard let data = outcome.data else { return [.connectionChanged(outcome.connection)] }
        return [.connectionChanged(.connected), .dataArrived(data)]
    }

    private func trapSignals() {
        for sig in [SIGTERM, SIGHUP, SIGINT] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [weak self] in self?.requestStop() }
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
