/// Everything the dashboard screen depends on, as one value: `render(state)` draws it and
/// `DashboardReducer.reduce(&state, event)` is the only thing that changes it.
///
/// Times (`now`, `connectionSince`, `DashboardData.fetchedAt`) are seconds on the runtime's
/// monotonic clock, fed in through `DashboardEvent.tick(now:)`.
public struct DashboardState: Sendable, Equatable {
    /// The smallest terminal the dashboard draws in; below it the screen says so.
    public static let minimumWidth = 40
    public static let minimumHeight = 10
    /// At this width and above the panes form a grid two wide; below they stack.
    public static let gridWidth = 100

    public var width: Int
    public var height: Int
    public var focus: Pane = .toggles
    public var cursors: [Pane: PaneCursor] = [:]
    /// Substring filters per pane (not used for Errors, which has `errorQuery`).
    public var filters: [Pane: String] = [:]
    /// The errors query the user last ran.
    public var errorQuery: String
    public var logSeverity: LogSeverityFilter = .all
    /// The logs pane keeps its last line selected as lines arrive (like `tail -f`).
    public var followLogs = true
    public var paused = false
    /// Seconds between refreshes, within `RefreshInterval`'s bounds.
    public var interval: Double
    public var themeName: String
    /// The themes `t` cycles through, in order.
    public var themeNames: [String]
    /// Why writes are off by configuration (e.g. "--read-only"); nil when they are on.
    public var readOnlyReason: String?
    /// The last data delivered; kept (and marked stale) while disconnected.
    public var data: DashboardData? {
        didSet {
            // Most refreshes change a pane or two; the others keep their rows, widths and cells.
            for pane in Pane.allCases where !DashboardData.samePane(pane, oldValue, data) { paneGenerations[pane, default: 0] &+= 1 }
        }
    }
    /// Per pane, grows with every change of what `data` holds for it, so views derived from it know when
    /// to be built again.
    public private(set) var paneGenerations: [Pane: Int] = [:]
    /// Whether the connected user may write, as the writer last found out.
    public var writeAccess: WriteAccess = .allowed
    /// The rows, tables and detail lines derived from the rest (`DashboardReducer.derive`); render reads them.
    public internal(set) var views = PaneViews()
    /// The data is older than it should be or the connection is down.
    public var stale = false
    public var connection: ConnectionStatus = .connecting
    /// `now` when `connection` last changed, for the retry countdown.
    public var connectionSince: Double = 0
    public var now: Double = 0
    public var overlay: Overlay = .none
    public var status: StatusMessage?
    /// When `status` disappears (nil: it stays).
    public var statusExpiresAt: Double?
    public var pendingWrite: PendingWrite?

    public init(
        width: Int, height: Int, interval: Double = 2, themeName: String = "default",
        themeNames: [String] = ["default"], readOnlyReason: String? = nil, errorQuery: String = "*", now: Double = 0
    ) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.interval = RefreshInterval.clamp(interval)
        self.themeName = themeName
        self.themeNames = themeNames
        self.readOnlyReason = readOnlyReason
        self.errorQuery = errorQuery
        self.now = now
        self.connectionSince = now
    }

    /// True when writes are off by configuration (`--read-only`).
    public var isReadOnly: Bool { readOnlyReason != nil }

    /// Why `K`/`R` are off, or nil when they work: `--read-only` first, then an ACL denial.
    public var writeDisabledReason: String? {
        if let readOnlyReason { return "read-only: \(readOnlyReason)" }
        if case .denied(let reason) = writeAccess { return "writes denied: \(reason)" }
        return nil
    }

    /// Below `minimumWidth`×`minimumHeight` only the "terminal too small" line is drawn.
    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

    public func cursor(_ pane: Pane) -> PaneCursor { cursors[pane] ?? PaneCursor() }

    public func filter(_ pane: Pane) -> String { filters[pane] ?? "" }

    /// Seconds since the data was read, nil without data.
    public var dataAge: Double? { data.map { max(0, now - $0.fetchedAt) } }
}
