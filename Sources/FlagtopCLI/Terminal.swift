import Foundation
import SafeText

/// Text output helpers: everything from Redis goes through `safe` before it is printed.
enum Terminal {
    static func safe(_ text: String) -> String { Sanitizer.singleLine(text) }

    static func print(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}

extension Terminal {
    /// A note on stderr (skipped keys and the like), sanitised.
    static func note(_ line: String) {
        FileHandle.standardError.write(Data(("note: " + safe(line) + "\n").utf8))
    }
}
