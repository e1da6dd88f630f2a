/// The header line: server, Redis version, search backend, interval, round trip and data age on the
/// left; DISCONNECTED (with the retry countdown), PAUSED and READ-ONLY badges on the right.
/// When the line is too narrow, the least useful left segments are dropped whole (the round trip
/// first, the server never).
enum HeaderView {
    struct Segment {
        var spans: StyledLine
        /// Lower stays longer.
        var priority: Int
        var width: Int { spans.reduce(0) { $0 + TextMeasure.width($1.text) } }
    }

    static let separator = "  "

    static func render(_ state: DashboardState, into grid: inout CellGrid, rect: Rect) {
        guard rect.width > 0, rect.height > 0 else { return }
        grid.fill(rect, role: .header)
        let badges = self.badges(state)
        let badgesWidth = badges.reduce(0) { $0 + TextMeasure.width($1.text) + 1 }
        if badgesWidth > rect.width {
            grid.write(badges.flatMap { [$0, Span(" ", .header)] }, x: rect.x, y: rect.y, maxWidth: rect.width)
            return
        }
        var x = rect.maxX - badgesWidth
        for badge in badges {
            x += grid.write(badge.text, x: x, y: rect.y, role: badge.role, attributes: badge.attributes) + 1
        }
        let room = rect.width - badgesWidth - 1
        grid.write(fitted(segments(state), width: room), x: rect.x, y: rect.y, maxWidth: room)
    }

    /// The segments that fit in `width`, chosen by priority, shown in their own order. The first two
    /// (name and server) always show; the server is cut with `…` when even they do not fit.
    static func fitted(_ segments: [Segment], width: Int) -> StyledLine {
        var chosen = Set(segments.indices.prefix(2))
        var used = segments.prefix(2).reduce(0) { $0 + $1.width } + separator.count
        for i in segments.indices.dropFirst(2).sorted(by: { (segments[$0].priority, $0) < (segments[$1].priority, $1) }) {
            let need = separator.count + segments[i].width
            if used + need <= width {
                chosen.insert(i)
                used += need
            }
        }
        var line: StyledLine = []
        for i in segments.indices where chosen.contains(i) {
            if !line.isEmpty { line.append(Span(separator, .header)) }
            line += segments[i].spans
        }
        return line
    }

    static func segments(_ state: DashboardState) -> [Segment] {
        var segments = [Segment(spans: [Span(" flagtop", .header, [.bold])], priority: 0)]
        guard let data = state.data else {
            segments.append(Segment(spans: [Span(state.connection.isConnected ? "waiting for the first refresh…" : "no data yet", .header)], priority: 0))
            if let reason = disconnectReason(state) { segments.append(Segment(spans: [reason], priority: 1)) }
            return segments
        }
        segments.append(Segment(spans: [Span(data.server, .header, [.bold])], priority: 0))
        if let reason = disconnectReason(state) { segments.append(Segment(spans: [reason], priority: 1)) }
        if !data.redisVersion.isEmpty { segments.append(Segment(spans: [Span("redis " + data.redisVersion, .header)], priority: 4)) }
        let backend = data.searchBackend == "basic" ? "search: basic" : data.searchBackend
        segments.append(Segment(spans: [Span(backend, .header)], priority: 5))
        segments.append(Segment(spans: [Span("every " + Format.decimal(state.interval) + "s", .header)], priority: 3))
        if let rtt = data.roundTripMillis { segments.append(Segment(spans: [Span("rtt " + Format.millis(rtt), .header)], priority: 6)) }
        if let age = ageText(state) {
            segments.append(Segment(spans: [Span(age, state.stale ? .statusBad : .header, state.stale ? [.bold] : [])], priority: 2))
        }
        return segments
    }

    /// "age 3s": the data's age, nil without data. One of the two things the screen shows of the clock.
    static func ageText(_ state: DashboardState) -> String? {
        state.dataAge.map { "age " + Format.duration($0) }
    }

    /// The reconnect countdown while disconnected, nil otherwise. The other thing shown of the clock.
    static func retryText(_ state: DashboardState) -> String? {
        guard case .disconnected(_, let retryIn) = state.connection else { return nil }
        let remaining = retryIn - (state.now - state.connectionSince)
        return remaining > 0 ? "DISCONNECTED — retry in \(Int(remaining.rounded(.up)))s" : "DISCONNECTED — retrying…"
    }

    private static func disconnectReason(_ state: DashboardState) -> Span? {
        guard case .disconnected(let reason, _) = state.connection, !reason.isEmpty else { return nil }
        return Span("(" + reason + ")", .statusBad)
    }

    /// DISCONNECTED / connecting, PAUSED, READ-ONLY.
    static func badges(_ state: DashboardState) -> [Span] {
        var badges: [Span] = []
        switch state.connection {
        case .connected:
            break
        case .connecting:
            badges.append(Span("connecting…", .muted))
        case .disconnected:
            badges.append(Span(retryText(state) ?? "", .statusBad, [.bold]))
        }
        if state.paused { badges.append(Span("PAUSED", .warning, [.bold])) }
        if state.isReadOnly {
            badges.append(Span("READ-ONLY", .warning, [.bold, .reverse]))
        } else if let cause = state.writeAccess.shortCause {
            badges.append(Span("READ-ONLY (\(cause))", .warning, [.bold, .reverse]))
        }
        return badges
    }
}
