import FlagtopCore
import RedisClient

let settings = FlagtopSettings(endpoint: RedisEndpoint(address: .tcp(host: "127.0.0.1", port: 6379)), actor: "fuzz")

/// libFuzzer entry: replies built from fuzz bytes fed to the model parsers the CLI and dashboard use; any reply
/// shape must give a value or a FlagtopError, never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReplies(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var decoder = ReplyDecoder(bytes: Array(UnsafeBufferPointer(start: data, count: size)))
    let which = decoder.byte() ?? 0
    let fetches: [(Int, (ArraySlice<RedisReply>) throws(FlagtopError) -> Void)] = [
        erase(ToggleStore(settings: settings).fetch("x")),
        erase(ToggleStore(settings: settings).fetchAll(knownNames: ["a", "b", "c"])),
        erase(SessionStore(settings: settings).fetch(keys: [Array("session:a".utf8), Array("session:b".utf8)])),
        erase(RecentLogs().fetch(name: "x")),
        erase(AuditLog.fetch(limit: 10)),
        erase(AuditLog.fetch(toggle: "x", limit: 10)),
        erase(ErrorDatabase(settings: settings, backend: .rediSearch1(version: 10200)).searchFetch(ErrorQuery(text: "x"), sortByTime: true)),
        erase(ErrorDatabase(settings: settings, backend: .rediSearch2(version: nil)).searchFetch(ErrorQuery(text: "x"), sortByTime: false)),
    ]
    let (count, parse) = fetches[Int(which) % fetches.count]
    let replies = (0..<count).map { _ in decoder.reply() }
    _ = try? parse(replies[...])
    return 0
}

func erase<V>(_ fetch: Fetch<V>) -> (Int, (ArraySlice<RedisReply>) throws(FlagtopError) -> Void) {
    let parse = fetch.parse
    return (fetch.commands.count, { (r) throws(FlagtopError) -> Void in _ = try parse(r) })
}
