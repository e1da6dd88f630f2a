import Foundation

/// Overwrites the password inside `--url` arguments in the process's own argv memory, so `ps` and
/// `/proc/<pid>/cmdline` show `redis://user:*****@host` instead of the secret. There is a short window between
/// exec and this call when the password is visible, so the environment or `--password-file` stay preferred.
enum ArgvScrubber {
    /// Scrubs the live argv (Linux: `CommandLine.unsafeArgv` points at the strings the kernel reports).
    static func scrubProcessArguments() {
        let argc = Int(CommandLine.argc)
        let argv = CommandLine.unsafeArgv
        var valueFollows = false
        for i in 1..<max(argc, 1) {
            guard let pointer = argv[i] else { continue }
            let length = strlen(pointer)
            let bytes = UnsafeMutableRawPointer(pointer).bindMemory(to: UInt8.self, capacity: length)
            let buffer = UnsafeMutableBufferPointer(start: bytes, count: length)
            let isValue = valueFollows
            valueFollows = false
            if isValue {
                scrub(buffer, from: 0)
            } else if Array(buffer) == Array("--url".utf8) {
                valueFollows = true
            } else if Array(buffer.prefix(6)) == Array("--url=".utf8) {
                scrub(buffer, from: 6)
            }
        }
    }

    /// Masks the secret parts of the URL in `buffer[start...]`: the password of the user info (between the
    /// first ":" after "://" and the last "@") and the value of any `password=` option.
    static func scrub(_ buffer: UnsafeMutableBufferPointer<UInt8>, from start: Int) {
        for range in secretRanges(Array(buffer[start...])) {
            for j in range { buffer[start + j] = UInt8(ascii: "*") }
        }
    }

    /// The byte ranges of `url` that hold a secret.
    static func secretRanges(_ url: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        let scheme = Array("://".utf8)
        var authorityStart = 0
        if let s = (0...max(0, url.count - scheme.count)).first(where: { url.count >= scheme.count && Array(url[$0..<$0 + scheme.count]) == scheme }) {
            authorityStart = s + scheme.count
        }
        if let at = url.lastIndex(of: UInt8(ascii: "@")), at >= authorityStart {
            let colon = url[authorityStart..<at].firstIndex(of: UInt8(ascii: ":")) ?? authorityStart - 1
            // "user:pass@" masks after the colon; ":pass@" and "pass@" (no user) mask it all.
            if colon + 1 < at { ranges.append((colon + 1)..<at) }
        }
        let key = Array("password=".utf8)
        var i = 0
        while i + key.count <= url.count {
            let lowered = url[i..<i + key.count].map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
            if lowered == key && (i == 0 || url[i - 1] == UInt8(ascii: "?") || url[i - 1] == UInt8(ascii: "&")) {
                let valueStart = i + key.count
                let valueEnd = url[valueStart...].firstIndex(of: UInt8(ascii: "&")) ?? url.count
                if valueStart < valueEnd { ranges.append(valueStart..<valueEnd) }
                i = valueEnd
            } else {
                i += 1
            }
        }
        return ranges
    }
}
