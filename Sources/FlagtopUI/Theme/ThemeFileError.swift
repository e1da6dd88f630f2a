/// Why a theme file was rejected, with the 1-based line it concerns when one can be found.
public struct ThemeFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public var line: Int?
    public var message: String

    public init(line: Int?, message: String) {
        self.line = line
        self.message = message
    }

    /// `line N: message`, or just the message when no line is known.
    public var description: String {
        line.map { "line \($0): \(message)" } ?? message
    }
}
