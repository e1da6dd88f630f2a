import RedisClient

/// A read expressed as commands plus a parser of their replies, so several reads can share one pipelined
/// round trip (the dashboard's refresh) or run alone (the CLI).
public struct Fetch<Value> {
    public var commands: [RedisCommand]
    public var parse: (ArraySlice<RedisReply>) throws(FlagtopError) -> Value

    public init(commands: [RedisCommand], parse: @escaping (ArraySlice<RedisReply>) throws(FlagtopError) -> Value) {
        self.commands = commands
        self.parse = parse
    }

    /// Runs this fetch alone in one round trip.
    public func run(on connection: any RedisClientProtocol) throws(FlagtopError) -> Value {
        let replies: [RedisReply]
        do { replies = try connection.pipeline(commands) } catch { throw .redis(error) }
        return try parse(replies[...])
    }

    /// Another fetch whose value is this one's, transformed.
    public func map<T>(_ transform: @escaping (Value) throws(FlagtopError) -> T) -> Fetch<T> {
        let parse = self.parse
        return Fetch<T>(commands: commands) { (replies) throws(FlagtopError) -> T in try transform(try parse(replies)) }
    }
}

/// Collects fetches into one pipeline; each `add` returns a handle to read its value after `run`.
public struct PipelineBatch {
    public private(set) var commands: [RedisCommand] = []
    private var parsers: [(range: Range<Int>, parse: (ArraySlice<RedisReply>) throws(FlagtopError) -> Any)] = []

    public init() {}

    /// A slot for one fetch's value.
    public struct Handle<Value> { let index: Int }

    public mutating func add<Value>(_ fetch: Fetch<Value>) -> Handle<Value> {
        let start = commands.count
        commands.append(contentsOf: fetch.commands)
        let parse = fetch.parse
        parsers.append((start..<commands.count, { (replies) throws(FlagtopError) -> Any in try parse(replies) }))
        return Handle(index: parsers.count - 1)
    }

    /// Sends everything in one round trip; a parse failure affects only its own fetch.
    public func run(on connection: any RedisClientProtocol) throws(RedisError) -> Results {
        let replies = try connection.pipeline(commands)
        var values: [Result<Any, FlagtopError>] = []
        for (range, parse) in parsers {
            do { values.append(.success(try parse(replies[range]))) } catch { values.append(.failure(error)) }
        }
        return Results(values: values)
    }

    /// The values of a batch run.
    public struct Results {
        let values: [Result<Any, FlagtopError>]
        public func value<Value>(_ handle: Handle<Value>) throws(FlagtopError) -> Value {
            switch values[handle.index] {
            case let .success(v): return v as! Value
            case let .failure(e): throw e
            }
        }
    }
}
