/// Where a key binding applies.
public enum KeyScope: Sendable, Hashable {
    /// Everywhere, even inside overlays and text input (only `Ctrl-C`).
    case anywhere
    /// The main screen, whichever pane has focus.
    case main
    /// The main screen while this pane has focus.
    case pane(Pane)
    /// Inside this overlay.
    case overlay(OverlayKind)

    /// Whether the binding applies in `context`.
    public func applies(in context: KeyContext) -> Bool {
        switch (self, context) {
        case (.anywhere, _): true
        case (.main, .main): true
        case (.pane(let p), .main(let focused)): p == focused
        case (.overlay(let k), .overlay(let current)): k == current
        default: false
        }
    }

    /// How the README and help name the scope.
    public var label: String {
        switch self {
        case .anywhere: "anywhere"
        case .main: "main screen"
        case .pane(let p): p.title
        case .overlay(let k): k.title
        }
    }
}

/// Who gets a key right now: the main screen with a focused pane, or an overlay.
public enum KeyContext: Sendable, Hashable {
    case main(Pane)
    case overlay(OverlayKind)
}
