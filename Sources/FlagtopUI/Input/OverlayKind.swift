/// Which modal view has the keyboard; each has its own bindings in `KeyBindings.all`.
public enum OverlayKind: String, Sendable, Hashable, CaseIterable {
    case help
    case detail
    /// The kill/restore confirm box.
    case confirm
    /// Typing the reason inside the confirm box.
    case reason
    /// Typing a filter or the errors query.
    case input
    case fingerprints
    case message

    /// The heading of this overlay's section in the help screen.
    public var title: String {
        switch self {
        case .help: "Help screen"
        case .detail: "Detail view"
        case .confirm: "Kill/restore confirm box"
        case .reason: "Typing the reason"
        case .input: "Typing a filter or query"
        case .fingerprints: "Fingerprint browser"
        case .message: "Message box"
        }
    }
}
