/// A value that can be sent as one argument of a Redis command (binary safe).
public protocol RedisArgumentConvertible {
    var redisArgument: [UInt8] { get }
}

extension String: RedisArgumentConvertible { public var redisArgument: [UInt8] { Array(utf8) } }
extension Substring: RedisArgumentConvertible { public var redisArgument: [UInt8] { Array(utf8) } }
extension Array: RedisArgumentConvertible where Element == UInt8 { public var redisArgument: [UInt8] { self } }
extension ArraySlice: RedisArgumentConvertible where Element == UInt8 { public var redisArgument: [UInt8] { Array(self) } }
extension Int: RedisArgumentConvertible { public var redisArgument: [UInt8] { Array(String(self).utf8) } }
extension Int64: RedisArgumentConvertible { public var redisArgument: [UInt8] { Array(String(self).utf8) } }
extension Double: RedisArgumentConvertible { public var redisArgument: [UInt8] { Array(String(self).utf8) } }

/// One Redis command as a list of byte strings, ready for `redisCommandArgv`.
public struct RedisCommand: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var arguments: [[UInt8]]

    public init(_ arguments: [[UInt8]]) { self.arguments = arguments }

    public init(_ arguments: any RedisArgumentConvertible...) {
        self.arguments = arguments.map(\.redisArgument)
    }

    public init(_ arguments: [any RedisArgumentConvertible]) {
        self.arguments = arguments.map(\.redisArgument)
    }

    /// Appends more arguments.
    public mutating func append(_ more: any RedisArgumentConvertible...) {
        arguments.append(contentsOf: more.map(\.redisArgument))
    }

    public mutating func append(contentsOf more: [any RedisArgumentConvertible]) {
        arguments.append(contentsOf: more.map(\.redisArgument))
    }

    /// The command name, upper-cased.
    public var name: String { arguments.first.map { String(decoding: $0, as: UTF8.self).uppercased() } ?? "" }

    /// A short form for messages: the name and the first key, never the values (which may be secrets).
    public var description: String {
        guard arguments.count > 1 else { return name }
        if name == "AUTH" || name == "HELLO" { return name }
        return name + " " + String(decoding: arguments[1].prefix(64), as: UTF8.self)
    }
}
