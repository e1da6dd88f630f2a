/// A small TTL cache of toggles for hot paths (`FlagtopClient.decide`); a TTL of 0 disables it.
/// Missing toggles are cached too, so a typo'd name does not cost a round trip per call.
struct ToggleCache {
    struct Entry {
        var toggle: Toggle?
        var expires: ContinuousClock.Instant
    }

    let ttl: Double
    private var entries: [String: Entry] = [:]

    init(ttl: Double) { self.ttl = ttl }

    func lookup(_ name: String) -> Entry? {
        guard ttl > 0, let entry = entries[name], ContinuousClock.now < entry.expires else { return nil }
        return entry
    }

    mutating func store(_ name: String, _ toggle: Toggle?) {
        guard ttl > 0 else { return }
        entries[name] = Entry(toggle: toggle, expires: ContinuousClock.now.advanced(by: .milliseconds(Int(ttl * 1000))))
    }

    mutating func removeAll() { entries.removeAll() }
}
