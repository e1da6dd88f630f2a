import FlagtopTestSupport
import Foundation
import Testing

/// The real dashboard in tmux over the hostile corpus: nothing in the data acts on the terminal (screen, title,
/// clipboard), and memory stays bounded while browsing a 1 MiB value and a 100,000-line exception.
@Suite(.serialized) struct HostileCorpusDashboardTests {
    /// 200 MB; a sanitizer build of the binary (`make check`) gets five times that for shadow memory, redzones
    /// and AddressSanitizer's 256 MB quarantine (measured peak under ASan: 736 MB).
    static let rssLimit = 200 * 1024 * 1024 * (FlagtopBinary.path.contains("/.build-asan/") || FlagtopBinary.path.contains("/.build-tsan/") ? 5 : 1)

    /// Every paste buffer tmux holds, concatenated.
    static func pasteBuffers() -> String {
        let names = TmuxSession.command(["list-buffers", "-F", "#{buffer_name}"])?.stdout ?? ""
        return names.split(separator: "\n").map { TmuxSession.command(["show-buffer", "-b", String($0)])?.stdout ?? "" }.joined(separator: "\n")
    }

    /// Proves the checks below can fail: raw OSC 2 and OSC 52 from a program do change tmux's title and buffer.
    @Test func controlRawSequencesDoReachTmux() throws {
        let tmux = try TmuxSession(command: "sleep 0.5; printf '\\033]2;CONTROLTITLE\\033\\\\\\033]52;c;Q09OVFJPTENMSVA=\\007'; sleep 5")
        TmuxSession.command(["set-option", "-s", "set-clipboard", "on"])
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline && !(tmux.title().contains("CONTROLTITLE") && Self.pasteBuffers().contains("CONTROLCLIP")) { usleep(100_000) }
        #expect(tmux.title().contains("CONTROLTITLE"))
        #expect(Self.pasteBuffers().contains("CONTROLCLIP"))
    }

    /// Checks one screen: no escape effects in it, the title and clipboard untouched, the program alive and small.
    func checkScreen(_ tmux: TmuxSession, pid: Int32, step: String, peak: inout Int) {
        let screen = tmux.capture()
        #expect(HostileCorpus.violations(in: screen).isEmpty, "\(step): \(HostileCorpus.violations(in: screen))")
        // `\e[10;10Hforged` must stay text: "forged" never stands alone where a cursor move would put it.
        for line in screen.split(separator: "\n") where line.contains("forged") {
            #expect(line.contains("10;10Hforged") || line.contains("10;10H…") || line.contains("H forged"), "\(step): \(line)")
        }
        #expect(!tmux.title().contains(HostileCorpus.titleMarker), "\(step): title is \(tmux.title())")
        #expect(kill(pid, 0) == 0, "\(step): flagtop is gone:\n\(screen)")
        let rss = HostileCorpus.residentBytes(of: pid) ?? 0
        peak = max(peak, rss)
        #expect(rss < Self.rssLimit, "\(step): RSS \(rss / 1_048_576) MB")
    }

    @Test func dashboardOverTheCorpusHasNoTerminalEffects() throws {
        let server = try TestServer()
        try HostileCorpus.load(into: server)
        let tmux = try TmuxSession(command: "sleep 1; \(FlagtopBinary.path) dashboard --interval 1",
                                   environment: ["FLAGTOP_REDIS_URL": server.url])
        TmuxSession.command(["set-option", "-s", "set-clipboard", "on"])
        let shown = tmux.waitFor(timeout: 20) { $0.contains("Toggles") && $0.contains(HostileCorpus.hostileToggle) }
        try #require(shown.ok, "dashboard never showed the corpus:\n\(shown.screen)")
        let pid = try #require(tmux.programPID())
        let titleBefore = tmux.title()
        #expect(shown.screen.contains("\\e"), "sanitised escapes are not visible:\n\(shown.screen)")
        var peak = 0
        func step(_ name: String, _ keys: [String], wait: Double = 0.4) {
            for k in keys { tmux.send(k) }
            usleep(useconds_t(wait * 1_000_000))
            checkScreen(tmux, pid: pid, step: name, peak: &peak)
        }
        step("start", [])
        // Toggles: walk the list, open each detail (the 1 MiB description, the 10,000 fields).
        step("toggles", ["1", "g"])
        for i in 0..<12 { step("toggle \(i)", ["Enter", "PageDown", "PageDown", "G"], wait: 0.2); step("toggle \(i) close", ["Escape", "j"], wait: 0.1) }
        // Sessions: the hostile one holds a 1 MiB field.
        step("sessions", ["2", "g"])
        for i in 0..<8 { step("session \(i)", ["Enter", "PageDown", "G"], wait: 0.2); step("session \(i) close", ["Escape", "j"], wait: 0.1) }
        // Errors: the newest hit is the 100,000-line exception.
        step("errors", ["3", "g"], wait: 1)
        tmux.send("Enter")
        // List rows carry only the start of a body; the detail view reads the whole exception when it opens.
        let opened = tmux.waitFor(timeout: 15) { $0.contains("frame 10 ") && !$0.contains("reading the whole exception") }
        #expect(opened.ok, "the big exception did not open:\n\(opened.screen)")
        checkScreen(tmux, pid: pid, step: "exception open", peak: &peak)
        // Scrolling it must answer like any other screen (re-wrapping it per key took 9 s per PgDn).
        for (keys, marker) in [(["PageDown"], "frame 60 "), (["G"], "frame 99999 "), (["g"], "frame 0 ")] {
            let started = Date()
            for k in keys { tmux.send(k) }
            let moved = tmux.waitFor(timeout: 15) { $0.contains(marker) }
            #expect(moved.ok, "\(keys) did not reach \(marker):\n\(moved.screen)")
            #expect(Date().timeIntervalSince(started) < 3, "\(keys) took \(Date().timeIntervalSince(started)) s")
            checkScreen(tmux, pid: pid, step: "exception \(keys)", peak: &peak)
        }
        for i in 0..<20 { step("exception page \(i)", ["PageDown"], wait: 0.05) }
        step("exception closed", ["Escape"], wait: 0.5)
        for i in 0..<10 { step("error \(i)", ["j", "Enter"], wait: 0.2); step("error \(i) close", ["Escape"], wait: 0.1) }
        // Logs and back, with a few refreshes in between.
        step("logs", ["4", "g", "PageDown", "G"], wait: 1)
        step("help", ["?"], wait: 0.3)
        step("help closed", ["Escape"], wait: 2)
        #expect(tmux.title() == titleBefore, "title changed to \(tmux.title())")
        let buffers = Self.pasteBuffers()
        #expect(!buffers.contains(HostileCorpus.clipboardMarker), "OSC 52 reached the clipboard")
        #expect(peak > 0, "RSS was never measured")  // each step checks it against rssLimit
        tmux.send("q")
        let exited = tmux.waitFor(timeout: 10) { $0.contains("[exited 0]") }
        #expect(exited.ok, "q did not quit cleanly:\n\(exited.screen)")
    }
}
