/// Whether the screen must be drawn again. The runtime wakes many times a second (keys, polls, clock
/// ticks) but a frame is needed only when something shown changed.
///
/// ```swift
/// if RedrawPolicy.needsRedraw(from: drawn, to: state) { screen.draw(DashboardRenderer.render(state)); drawn = state }
/// ```
public enum RedrawPolicy {
    /// True when `render(new)` can differ from `render(old)` (always true when nothing was drawn yet).
    /// Every field of the state counts as is, except the clock: `now` shows only through whole-second
    /// labels (the data's age, the reconnect countdown), so ticks alone cost at most about a frame a second.
    public static func needsRedraw(from old: DashboardState?, to new: DashboardState) -> Bool {
        guard let old else { return true }
        // A refresh nearly always shows something new (its round trip, its age), and finding out by
        // comparing thousands of rows costs more than drawing.
        if old.data?.fetchedAt != new.data?.fetchedAt { return true }
        if old == new { return false }
        guard old.now != new.now else { return true }
        guard clockLabels(old) == clockLabels(new) else { return true }
        var sameClock = new
        sameClock.now = old.now
        return sameClock != old
    }

    /// Everything the renderer computes from `now`.
    static func clockLabels(_ state: DashboardState) -> [String?] {
        [HeaderView.ageText(state), HeaderView.retryText(state)]
    }
}
