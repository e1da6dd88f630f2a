/// A failure the CLI reports as one line on stderr with exit status 1.
public struct CLIFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ message: String) { description = message }
}
