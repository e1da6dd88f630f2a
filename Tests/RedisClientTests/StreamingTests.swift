import Foundation
import Testing
import FlagtopTestSupport
@testable import RedisClient

/// `write` / `pollReply` / `nextReply`: commands sent without waiting, replies read later, in order.
@Suite struct StreamingTests {
    @Test func repliesComeBackInOrderAndBinarySafe() throws {
        let server = try TestServer(search: false)
        let c = try server.connection()
        let key: [UInt8] = [0x6b, 0x0d, 0x0a, 0x00, 0xff]
        let value: [UInt8] = Array(0...255) + b("\r\n*1\r\n$4\r\nPING\r\n")
        try c.write([RedisCommand([b("SET"), key, value]), RedisCommand([b("GET"), key]), RedisCommand("INCR", "n"), RedisCommand("HGETALL", key)])
        #expect(c.unreadReplies == 4)
        var replies: [RedisReply] = []
        let deadline = Date().addingTimeInterval(5)
        while replies.count < 2 && Date() < deadline {
            if let reply = try c.pollReply() { replies.append(reply) } else { usleep(1_000) }
        }
        replies.append(try c.nextReply())
        replies.append(try c.nextReply())
        #expect(replies.count == 4)
        #expect(replies.first == .status("OK"))
        #expect(replies.dropFirst().first == .bulk(value))
        #expect(replies.dropFirst(2).first == .integer(1))
        #expect(replies.last?.serverError?.code == "WRONGTYPE")
        #expect(c.unreadReplies == 0)
        #expect(try c.pollReply() == nil)
        #expect(try server.run("STRLEN", key) == .integer(Int64(value.count)))
    }

    @Test func requestReplyCallsRefuseWhileStreamedRepliesAreUnread() throws {
        let server = try TestServer(search: false)
        let c = try server.connection()
        try c.write([RedisCommand("ECHO", "first")])
        let error = redisError { try c.send("ECHO", "second") }
        #expect(error == .protocolError("1 replies of streamed commands are still unread"))
        #expect(try c.nextReply() == .bulk(b("first")))
        #expect(try c.send("ECHO", "second") == .bulk(b("second")))
        #expect(redisError { try c.nextReply() } != nil)
    }

    @Test func pollNeverWaits() throws {
        let server = try TestServer(search: false)
        let c = try server.connection()
        try c.write([RedisCommand("DEBUG", "SLEEP", "0.3")])
        let (reply, took) = try timed { try c.pollReply() }
        #expect(reply == nil)
        #expect(took < 0.1)
        #expect(try c.nextReply() == .status("OK"))
    }

    @Test func deadServerIsAConnectionErrorAndForgetsUnreadReplies() throws {
        let server = try TestServer(search: false)
        let c = try server.connection()
        try c.send("CLIENT", "PAUSE", 10_000, "ALL")
        try c.write([RedisCommand("SET", "a", "1"), RedisCommand("SET", "b", "2")])
        server.process.crash()
        let error = redisError { try c.nextReply() }
        #expect(error?.isConnectionError == true, "\(String(describing: error))")
        #expect(c.unreadReplies == 0)
        #expect(!c.isConnected)
    }
}
