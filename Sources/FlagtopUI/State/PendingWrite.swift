/// A kill or restore sent to the runtime and not yet acknowledged (`writeFinished`).
public struct PendingWrite: Sendable, Hashable {
    public var action: WriteAction
    public var toggle: String

    public init(action: WriteAction, toggle: String) {
        self.action = action
        self.toggle = toggle
    }
}
