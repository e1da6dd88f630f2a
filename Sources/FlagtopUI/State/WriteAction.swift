/// The two writes the dashboard can make, both behind a confirm box: the one name for them from the key
/// (`K`/`R`) through the confirm box, the effect and the writer's job to the outcome.
public enum WriteAction: String, Sendable, Hashable, CaseIterable {
    case kill
    case restore

    /// "kill" / "restore".
    public var verb: String { rawValue }
    /// "killing" / "restoring", for the status line while the write is in flight.
    public var progressive: String { self == .kill ? "killing" : "restoring" }
    /// "killed" / "restored".
    public var past: String { self == .kill ? "killed" : "restored" }
}
