import FlagtopTestSupport
import Foundation
import Testing

/// Every `flagtop …` line of the README's command-line section runs against the seeds' data and exits 0.
@Suite struct ReadmeExamplesCLITests {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("README.md")

    /// The `flagtop` lines of the first ```sh block after "## The command line".
    static func examples() throws -> [String] {
        let text = try String(contentsOf: readme, encoding: .utf8)
        guard let section = text.range(of: "## The command line") else { return [] }
        let rest = text[section.upperBound...]
        guard let open = rest.range(of: "```sh\n"), let close = rest[open.upperBound...].range(of: "```") else { return [] }
        return rest[open.upperBound..<close.lowerBound].split(separator: "\n").map(String.init).filter { $0.hasPrefix("flagtop ") }
    }

    @Test func readmeHasCLIExamples() throws {
        let examples = try Self.examples()
        #expect(examples.count >= 10)
        #expect(examples.contains { $0.hasPrefix("flagtop kill ") })
    }

    @Test func everyExampleRuns() throws {
        let server = try Seeds.server()
        _ = try server.redisCLI(Seeds.toggle)
        _ = try server.redisCLI(Seeds.session)
        _ = try server.redisCLI(Seeds.createIndex)
        _ = try server.redisCLI(Seeds.addDocument)
        let env = CLI.environment(url: server.url)
        for example in try Self.examples() {
            var line = example.replacingOccurrences(of: "flagtop ", with: "\"$0\" ", options: .anchored)
            if line.contains("--follow") {
                // Runs until interrupted: start it, see output, stop it.
                let follow = try BackgroundProcess("/bin/sh", ["-c", "exec " + line, FlagtopBinary.path], environment: env)
                #expect(follow.waitFor { !$0.isEmpty }, "\(example) printed nothing")
                #expect(follow.isRunning, "\(example) exited")
                follow.terminate()
                continue
            }
            // A 60 s simulation is too long for a unit test; the same command with a short duration.
            line = line.replacingOccurrences(of: "--duration 60", with: "--duration 0.5")
            let result = try SignalMask.spawning { try ProcessRunner.run("/bin/sh", ["-c", line, FlagtopBinary.path], environment: env, timeout: 30) }
            #expect(result.status == 0, "\(example) → \(result.status): \(result.stderr)")
            #expect(!result.stdout.isEmpty || example.contains(" log "), "\(example) printed nothing")
            if example.hasPrefix("flagtop decide useNewAlgorithm 4156e021:1234") {
                #expect(result.stdout == "new TARGETING_MATCH\n")
            }
        }
    }
}
