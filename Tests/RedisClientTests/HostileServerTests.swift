import Foundation
import Testing
import FlagtopTestSupport
@testable import RedisClient

/// What a real server will not do on purpose: trickle, flood, answer with canned refusals. One fake server each.
@Suite struct HostileServerTests {
    private func options(timeout: Double = 1) -> RedisConnectionOptions {
        RedisConnectionOptions(connectTimeout: 2, commandTimeout: timeout, clientName: nil)
    }

    @Test func commandsGoOutAsExactRESPThroughHiredisFormatter() throws {
        let fake = try FakeRedisServer { client in
            var seen: [UInt8] = []
            while seen.count < 47 { let more = client.read(timeout: 2); if more.isEmpty { break }; seen += more }
            _ = client.write("+OK\r\n+OK\r\n")
            client.read(timeout: 1)
        }
        defer { fake.stop() }
        let c = try RedisConnection(connectingTo: fake.endpoint, options: options())
        let replies = try c.pipeline([RedisCommand("SET", "k", ""), RedisCommand([Array("X".utf8), [0, 13, 10, 255]])])
        #expect(replies == [.status("OK"), .status("OK")])
        let expected = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$0\r\n\r\n*2\r\n$1\r\nX\r\n$4\r\n"
        #expect(fake.bytesReceived == Array(expected.utf8) + [0, 13, 10, 255] + Array("\r\n".utf8))
    }

    @Test func aTricklingServerCannotHoldACommandPastItsTimeout() throws {
        let fake = try FakeRedisServer { client in
            _ = client.read()
            // "+PONG\r\n", one byte every 300 ms: each read succeeds, the whole reply takes 2.1 s.
            for byte in Array("+PONG\r\n".utf8) {
                guard client.write([byte]) else { return }
                usleep(300_000)
            }
        }
        defer { fake.stop() }
        let c = try RedisConnection(connectingTo: fake.endpoint, options: options(timeout: 0.8))
        let start = Date()
        #expect(throws: RedisError.self) { try c.send("PING") }
        let took = Date().timeIntervalSince(start)
        #expect(took < 1.3, "held for \(took)s")
        #expect(!c.isConnected)
    }

    @Test func anOversizedReplyIsRefusedNotBuffered() throws {
        let fake = try FakeRedisServer { client in
            _ = client.read()
            // Announces a 600 MB bulk, then streams it.
            guard client.write("$600000000\r\n") else { return }
            let chunk = [UInt8](repeating: 0x41, count: 65536)
            for _ in 0..<200 { if !client.write(chunk) { return } }
        }
        defer { fake.stop() }
        var options = options(timeout: 10)
        options.maxReplyBytes = 1_000_000
        let c = try RedisConnection(connectingTo: fake.endpoint, options: options)
        var caught: RedisError?
        do { try c.send("GET", "huge") } catch { caught = error }
        #expect(caught == .replyTooLarge(limit: 1_000_000))
        #expect(caught?.description.contains("larger than 1000000 bytes") == true)
        #expect(!c.isConnected)
    }

    @Test func protectedModeRefusalIsShownAsRedisWroteIt() throws {
        let text = "-DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user."
        let fake = try FakeRedisServer { client in
            _ = client.read()
            _ = client.write(text + "\r\n")
            client.close()
        }
        defer { fake.stop() }
        var caught: RedisError?
        do { _ = try RedisConnection(connectingTo: fake.endpoint, options: RedisConnectionOptions(connectTimeout: 2, commandTimeout: 2)) } catch { caught = error }
        #expect(caught?.description.contains("DENIED Redis is running in protected mode") == true, "\(String(describing: caught))")
        #expect(caught?.description.contains("connection reset") == false)
    }

    @Test func aServerThatClosesAtOnceHintsAtTLS() throws {
        let fake = try FakeRedisServer { client in
            _ = client.read()
            client.close()
        }
        defer { fake.stop() }
        var caught: RedisError?
        do { _ = try RedisConnection(connectingTo: fake.endpoint, options: RedisConnectionOptions(connectTimeout: 2, commandTimeout: 2)) } catch { caught = error }
        #expect(caught?.description.contains("probably requires TLS") == true, "\(String(describing: caught))")
    }
}
