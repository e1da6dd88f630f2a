@testable import FlagtopCLI
import Testing

/// Which bytes of a `--url` value the argv scrubber masks.
@Suite struct SecretArgvScrubberTests {
    func masked(_ url: String) -> String {
        var bytes = Array(url.utf8)
        bytes.withUnsafeMutableBufferPointer { ArgvScrubber.scrub($0, from: 0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func masksOnlyThePassword() {
        #expect(masked("redis://op:pw-SECRET-7331@127.0.0.1:6379/0") == "redis://op:**************@127.0.0.1:6379/0")
        #expect(masked("redis://:hunter2@h:1") == "redis://:*******@h:1")
        #expect(masked("redis://hunter2@h:1") == "redis://*******@h:1")
        #expect(masked("redis://u:p@ss:w@rd@h/0") == "redis://u:*********@h/0")
        #expect(masked("unix:///run/r.sock?db=2&password=hunter2&user=u") == "unix:///run/r.sock?db=2&password=*******&user=u")
    }

    @Test func leavesURLsWithoutSecretsAlone() {
        for url in ["redis://127.0.0.1:6379/0", "redis://op:@h:1", "unix:///run/r.sock?db=1", "--password-file-like-text"] {
            #expect(masked(url) == url)
        }
    }
}
