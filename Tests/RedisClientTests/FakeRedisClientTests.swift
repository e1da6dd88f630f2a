import Testing
import FlagtopTestSupport
@testable import RedisClient

/// The fake satisfies the client protocol, so code written against the protocol runs on it unchanged.
@Suite struct FakeRedisClientTests {
    /// Code that only knows the protocol.
    private func toggleState(_ client: any RedisClientProtocol) throws(RedisError) -> String? {
        try client.send("HGET", "useNewAlgorithm", "toggle").string
    }

    @Test func protocolCallsReachTheFakeAndAreRecorded() throws {
        let fake = FakeRedisClient { command in
            command.name == "HGET" ? .bulk(Array("True".utf8)) : .status("OK")
        }
        #expect(try toggleState(fake) == "True")
        try fake.transaction([RedisCommand("HSET", "t", "toggle", "False")])
        #expect(fake.commands.map(\.name) == ["HGET", "MULTI", "HSET", "EXEC"])
        #expect(fake.commands[2].keys == [Array("t".utf8)])
        #expect(!fake.commands[2].isReadOnly)
    }

    @Test func errorRepliesAreThrownBySendAndKeptByPipeline() throws {
        let fake = FakeRedisClient { _ in .error("READONLY You can't write against a read only replica.") }
        #expect(try fake.pipeline([RedisCommand("SET", "a", "b")]) == [.error("READONLY You can't write against a read only replica.")])
        var caught: RedisError?
        do { try fake.send("SET", "a", "b") } catch { caught = error }
        #expect(caught?.kind == .readOnlyReplica)
        #expect(caught?.description.hasPrefix("connected to a read-only replica") == true)
    }
}
