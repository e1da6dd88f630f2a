import FlagtopCore

/// The lines of a detail view, already wrapped to the view's width (text stays raw; the grid
/// sanitises it when drawn).
enum DetailContent {
    static func title(_ kind: DetailKind) -> String {
        switch kind {
        case .toggle(let name): "Toggle " + name
        case .session(let id): "Session " + id
        case .error(let id): "Error " + id
        case .log(let entry): "Log " + entry.name
        }
    }

    /// A hash of everything the lines of `kind` are built from, so the reducer builds them again only when
    /// it changes: re-wrapping a 100,000-line exception on every refresh would freeze input.
    static func basis(_ state: DashboardState, _ kind: DetailKind, width: Int) -> Int {
        var hasher = Hasher()
        hasher.combine(width)
        hasher.combine(kind)
        switch kind {
        case .toggle(let name):
            hasher.combine(state.data?.toggles.first(where: { $0.name == name }))
            hasher.combine(state.data?.errorStats[name])
        case .session(let id):
            hasher.combine(state.data?.toggles)
            hasher.combine(state.data?.sessions.first(where: { $0.id == id }))
        case .error(let id):
            hasher.combine(state.data?.errors?.hits.first(where: { $0.id == id }))
            hasher.combine(state.data?.errorDetail)
        case .log: break
        }
        return hasher.finalize()
    }

    /// The lines, wrapped to `width`.
    static func lines(_ state: DashboardState, _ kind: DetailKind, width: Int) -> [StyledLine] {
        guard width > 0 else { return [] }
        return build(state, kind, width: width)
    }

    private static func build(_ state: DashboardState, _ kind: DetailKind, width: Int) -> [StyledLine] {
        var out = Builder(width: width)
        switch kind {
        case .toggle(let name):
            guard let toggle = state.data?.toggles.first(where: { $0.name == name }) else {
                out.note("toggle \(name) is no longer in Redis")
                break
            }
            out.field("state", toggle.state.rawValue, TogglesPane.role(of: toggle.state))
            if let stats = state.data?.errorStats[name] {
                out.field("errors (15m)", "\(stats.count)  " + Sparkline.render(stats.buckets, width: 30), stats.count > 0 ? .error : .text)
            }
            out.blank()
            out.heading("Fields")
            for field in toggle.fields { out.field(field.name, field.value) }
        case .session(let id):
            guard let session = state.data?.sessions.first(where: { $0.id == id }) else {
                out.note("session \(id) expired or was deleted")
                break
            }
            out.field("ttl", session.ttl.map { Format.duration(Double($0)) + " (\($0)s)" } ?? "none")
            out.blank()
            out.heading("Fields")
            for field in session.fields { out.field(field.name, field.value) }
            out.blank()
            out.heading("Decisions")
            let toggles = state.data?.toggles ?? []
            if toggles.isEmpty { out.note("no toggles") }
            let nameWidth = min(32, toggles.map { TextMeasure.width($0.name) }.max() ?? 0)
            for toggle in toggles {
                let pad = String(repeating: " ", count: max(0, nameWidth - TextMeasure.width(toggle.name)))
                let decision = Router.decide(toggleName: toggle.name, toggle: toggle, session: session)
                var reason = decision.reason.rawValue
                if let code = decision.errorCode { reason += " " + code.rawValue }
                if let bucket = decision.bucket { reason += " (bucket \(bucket))" }
                out.line([
                    Span(toggle.name),
                    Span(pad + "  "),
                    Span(decision.variant.rawValue, decision.isNew ? .on : .off, [.bold]),
                    Span("  " + reason, .muted),
                ])
            }
        case .error(let id):
            let detail = state.data?.errorDetail.flatMap { $0.id == id ? $0 : nil }
            guard let error = detail ?? state.data?.errors?.hits.first(where: { $0.id == id }) else {
                out.note("error \(id) is not in the current results")
                break
            }
            for field in error.fields where field.name != "exceptionBody" { out.field(field.name, field.value) }
            out.blank()
            out.heading("Exception")
            if let body = error.exceptionBody {
                out.text(body, .error)
            } else if let head = error.exceptionHead {
                out.text(head, .error)
                out.note(detail == nil ? "reading the whole exception…"
                    : "the first part of \(error.exceptionBodyBytes ?? 0) bytes; read it all with redis-cli HGET \(id) exceptionBody")
            } else if let bytes = error.exceptionBodyBytes {
                out.note(detail == nil ? "reading the exception (\(bytes) bytes)…" : "\(bytes) bytes, too big to show; read it with redis-cli HGET \(id) exceptionBody")
            } else {
                out.text("(no exceptionBody)", .muted)
            }
        case .log(let entry):
            out.field("time", entry.time)
            out.field("severity", entry.severity, PaneText.role(ofSeverity: entry.severity))
            out.field("log", "recent:\(entry.name):\(entry.severity)")
            out.blank()
            out.text(entry.message, .text)
        }
        return out.lines
    }

    /// Collects wrapped lines.
    private struct Builder {
        let width: Int
        var lines: [StyledLine] = []

        mutating func line(_ spans: StyledLine) { lines.append(spans) }
        mutating func blank() { lines.append([]) }
        mutating func heading(_ text: String) { lines.append([Span(text, .title, [.bold])]) }
        mutating func note(_ text: String) { lines.append([Span(text, .muted)]) }

        /// Wrapped text in one role.
        mutating func text(_ raw: String, _ role: ThemeRole) {
            for piece in TextMeasure.wrap(raw, width: width) { lines.append([Span(piece, role)]) }
        }

        /// "name: value" with the value wrapped under itself (or below the name when narrow).
        mutating func field(_ name: String, _ value: String, _ role: ThemeRole = .text) {
            let label = name + ": "
            let indent = TextMeasure.width(label)
            if width - indent < 12 || indent > 24 {
                lines.append([Span(name, .muted)])
                for piece in TextMeasure.wrap(value, width: width - 2) { lines.append([Span("  "), Span(piece, role)]) }
                return
            }
            let pieces = TextMeasure.wrap(value, width: width - indent)
            for (i, piece) in pieces.enumerated() {
                let lead = i == 0 ? Span(label, .muted) : Span(String(repeating: " ", count: indent))
                lines.append([lead, Span(piece, role)])
            }
        }
    }
}
