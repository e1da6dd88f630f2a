import FlagtopCore

/// The dashboard's logic: `reduce(&state, event)` applies one event and returns what the runtime
/// must do. Pure: no I/O, no clock, no randomness; the runtime owns all of those.
///
/// Safety rules kept here (and tested):
/// - `kill`/`restore` effects come only from `y` in the confirm box, never while writes are off
///   (`--read-only` or an ACL denial) and never while another write is in flight;
/// - the status line claims success only on `writeFinished(.success)`;
/// - `Ctrl-C` quits and `Ctrl-Z` suspends from anywhere; `q` quits except while typing text (where it is a letter) and
///   in the confirm box (where every key but `y` and `e`/`Tab` cancels);
/// - below 40×10 only quitting works, so nothing invisible can be confirmed.
///
/// ```swift
/// var state = DashboardState(width: 120, height: 40)
/// let effects = DashboardReducer.reduce(&state, .key(.char("K")))   // opens the confirm box, []
/// ```
public enum DashboardReducer {
    public static func reduce(_ state: inout DashboardState, _ event: DashboardEvent) -> [DashboardEffect] {
        let effects = apply(&state, event)
        derive(&state)
        return effects
    }

    private static func apply(_ state: inout DashboardState, _ event: DashboardEvent) -> [DashboardEffect] {
        switch event {
        case .key(let key):
            return handleKey(&state, key)
        case .resized(let width, let height):
            resize(&state, width: width, height: height)
            return []
        case .dataArrived(let data):
            applyData(&state, data)
            return []
        case .writeAccessChanged(let access):
            state.writeAccess = access
            return []
        case .connectionChanged(let status):
            state.connection = status
            state.connectionSince = state.now
            updateStale(&state)
            return []
        case .writeFinished(let action, let toggle, let result):
            return finishWrite(&state, action: action, toggle: toggle, result: result)
        case .tick(let now):
            state.now = now
            if let expiry = state.statusExpiresAt, now >= expiry {
                state.status = nil
                state.statusExpiresAt = nil
            }
            updateStale(&state)
            return []
        case .notice(let text, let isError):
            setStatus(&state, text, isError: isError)
            return []
        case .showMessage(let text, let isError):
            switch state.overlay {
            case .confirm, .input: setStatus(&state, text, isError: isError)
            default: state.overlay = .message(text: text, isError: isError)
            }
            return []
        }
    }

    static func handleKey(_ state: inout DashboardState, _ raw: Key) -> [DashboardEffect] {
        let key = raw.normalized
        if case .resize(let width, let height) = key {
            resize(&state, width: width, height: height)
            return []
        }
        let context = state.overlay.kind.map(KeyContext.overlay) ?? .main(state.focus)
        let binding = KeyBindings.binding(for: key, in: context)
        if let binding, binding.scopes.contains(.anywhere) {
            switch binding.action {
            case .quit: return [.quit]
            case .suspend: return [.suspend]
            default: break
            }
        }
        if state.isTooSmall {
            return binding?.action == .quit || key == .char("q") ? [.quit] : []
        }
        switch state.overlay {
        case .none:
            guard let binding else { return [] }
            return performMain(&state, binding.action, key: key) ?? []
        case .confirm(let confirm):
            return confirmKey(&state, confirm, key: key, binding: binding)
        case .input(let input):
            return inputKey(&state, input, key: key, binding: binding)
        case .help, .detail, .fingerprints, .message:
            return viewKey(&state, key: key, binding: binding)
        }
    }

    // MARK: - Shared helpers

    static func setStatus(_ state: inout DashboardState, _ text: String, isError: Bool = false) {
        state.status = StatusMessage(text, isError: isError)
        state.statusExpiresAt = state.now + (isError ? 20 : 8)
    }

    static func resize(_ state: inout DashboardState, width: Int, height: Int) {
        state.width = max(0, width)
        state.height = max(0, height)
    }

    /// Data is stale while disconnected, or when it is much older than the interval (unless paused).
    static func updateStale(_ state: inout DashboardState) {
        guard let data = state.data else {
            state.stale = false
            return
        }
        if !state.connection.isConnected {
            state.stale = true
        } else if state.paused {
            state.stale = false
        } else {
            state.stale = state.now - data.fetchedAt > max(3 * state.interval, state.interval + 5)
        }
    }
}
