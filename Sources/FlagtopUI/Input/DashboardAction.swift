/// What a key binding does; the reducer interprets it for the current context.
public enum DashboardAction: String, Sendable, Hashable, CaseIterable {
    case focusNext, focusPrevious
    /// A digit: the pane with that number (`Pane.number`).
    case focusPane
    case moveUp, moveDown, top, bottom, pageUp, pageDown
    case openDetail
    /// `Esc` on the main screen: clear the focused pane's filter, then the status message.
    case clear
    /// Close the overlay.
    case close
    case filter, editQuery, browseFingerprints
    case kill, restore
    case cycleSeverity, toggleFollow
    case togglePause, refresh, slower, faster, cycleTheme
    case help, quit
    /// `Ctrl-Z`: suspend to the shell.
    case suspend
    // Inside overlays.
    case confirm, editReason, cancel, finishEditing
    case applyInput, cancelInput, deleteBackward, clearText, typeText
    case applyFingerprint
}
