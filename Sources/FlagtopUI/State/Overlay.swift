import FlagtopCore

/// The modal view drawn over the panes, if any; it receives the keys while shown.
public enum Overlay: Sendable, Hashable {
    case none
    case help(scroll: Int)
    case detail(DetailState)
    case confirm(ConfirmState)
    /// Typing a filter or the errors query.
    case input(InputState)
    /// Developer names with error counts; Enter searches their errors.
    case fingerprints(PaneCursor)
    case message(text: String, isError: Bool)

    /// Which bindings apply; nil for `.none` (the main screen).
    public var kind: OverlayKind? {
        switch self {
        case .none: nil
        case .help: .help
        case .detail: .detail
        case .confirm(let c): c.editingReason ? .reason : .confirm
        case .input: .input
        case .fingerprints: .fingerprints
        case .message: .message
        }
    }
}

/// What a detail view shows, by identity, so it follows the item across refreshes.
public enum DetailKind: Sendable, Hashable {
    case toggle(name: String)
    case session(id: String)
    case error(id: String)
    /// Log lines have no id; the view keeps the line itself.
    case log(LogEntry)
}

/// A detail view and how far it is scrolled.
public struct DetailState: Sendable, Hashable {
    public var kind: DetailKind
    public var scroll: Int

    public init(kind: DetailKind, scroll: Int = 0) {
        self.kind = kind
        self.scroll = scroll
    }
}

/// The kill/restore confirm box.
///
/// Keys: `y` confirms; `e` or `Tab` starts typing the optional reason (every key then types,
/// `Enter`/`Tab`/`Esc` end it); any other key cancels. Only `y` ever leads to a write.
public struct ConfirmState: Sendable, Hashable {
    public var action: WriteAction
    public var toggle: String
    /// The toggle's state when the box opened, named in the box.
    public var currentState: ToggleState
    public var reason: String
    public var editingReason: Bool

    public init(action: WriteAction, toggle: String, currentState: ToggleState, reason: String = "", editingReason: Bool = false) {
        self.action = action
        self.toggle = toggle
        self.currentState = currentState
        self.reason = reason
        self.editingReason = editingReason
    }
}

/// What a text input edits.
public enum InputTarget: Sendable, Hashable {
    /// The focused list's substring filter (applied while typing).
    case filter(Pane)
    /// The errors pane's RediSearch query (run on Enter).
    case errorQuery
}

/// A line being typed; `original` is restored on `Esc`.
public struct InputState: Sendable, Hashable {
    public var target: InputTarget
    public var text: String
    public var original: String

    public init(target: InputTarget, text: String, original: String) {
        self.target = target
        self.text = text
        self.original = original
    }
}
