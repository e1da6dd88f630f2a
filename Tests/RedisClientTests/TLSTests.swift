import Foundation
import Testing
import FlagtopTestSupport
@testable import RedisClient

/// TLS against a real TLS-only redis-server with certificates made by openssl in the test.
@Suite(.serialized) struct TLSTests {
    static let certificates = Result { try TLSCertificates() }

    private func server(mutual: Bool = false) throws -> TLSTestServer {
        try TLSTestServer(certificates: try Self.certificates.get(), requireClientCertificate: mutual)
    }

    private func failure(_ endpoint: RedisEndpoint) -> RedisError? {
        do {
            _ = try RedisConnection(connectingTo: endpoint, options: .init(connectTimeout: 3, commandTimeout: 3)).send("PING")
            return nil
        } catch {
            return error
        }
    }

    @Test func verifiedConnectionRunsCommandsPipelinesAndTransactions() throws {
        let tls = try server()
        let c = try RedisConnection(connectingTo: tls.endpoint())
        #expect(try c.send("PING") == .status("PONG"))
        let replies = try c.pipeline([RedisCommand("SET", "k", "v"), RedisCommand("GET", "k"), RedisCommand("HSET", "h", "f", "x")])
        #expect(replies == [.status("OK"), .bulk(Array("v".utf8)), .integer(1)])
        let exec = try c.transaction([RedisCommand("INCR", "n"), RedisCommand("INCR", "n")])
        #expect(exec == [.integer(1), .integer(2)])
        // A large value crosses many TLS records both ways.
        let big = [UInt8](repeating: 0x5a, count: 3_000_000)
        try c.send(RedisCommand([Array("SET".utf8), Array("big".utf8), big]))
        #expect(try c.send("GET", "big") == .bulk(big))
        #expect(c.isTLS)
        #expect(c.endpoint.redacted.hasPrefix("rediss://"))
    }

    @Test func hostNameIsVerifiedToo() throws {
        let tls = try server()
        #expect(try RedisConnection(connectingTo: tls.endpoint(host: "localhost")).send("PING") == .status("PONG"))
    }

    @Test func untrustedCertificateIsRefusedWithOneLineNamingTrust() throws {
        let tls = try server()
        let certs = try Self.certificates.get()
        let error = failure(tls.endpoint(tls: RedisTLS(caFile: certs.otherCAFile)))
        guard case let .tls(message)? = error else { Issue.record("expected a TLS error, got \(String(describing: error))"); return }
        #expect(message.contains("not trusted"), "\(message)")
        #expect(!message.contains("\n"))
    }

    @Test func systemCAsDoNotTrustATestCA() throws {
        let tls = try server()
        let error = failure(tls.endpoint(tls: RedisTLS()))
        #expect(error?.description.contains("not trusted") == true, "\(String(describing: error))")
    }

    @Test func nameMismatchIsNamed() throws {
        let tls = try server()
        let certs = try Self.certificates.get()
        let error = failure(tls.endpoint(tls: RedisTLS(caFile: certs.caFile, serverName: "redis.example.com")))
        #expect(error?.description.contains("does not match the name 'redis.example.com'") == true, "\(String(describing: error))")
    }

    @Test func insecureSkipsVerification() throws {
        let tls = try server()
        let certs = try Self.certificates.get()
        let endpoint = tls.endpoint(tls: RedisTLS(caFile: certs.otherCAFile, serverName: "wrong.example", verifyPeer: false))
        #expect(try RedisConnection(connectingTo: endpoint).send("PING") == .status("PONG"))
    }

    @Test func mutualTLSNeedsTheClientCertificate() throws {
        let tls = try server(mutual: true)
        #expect(try RedisConnection(connectingTo: tls.endpoint(clientCertificate: true)).send("PING") == .status("PONG"))
        let error = failure(tls.endpoint())
        #expect(error?.description.contains("requires a client certificate") == true, "\(String(describing: error))")
        #expect(error?.description.contains("--cert and --key") == true)
    }

    @Test func plainURLAtATLSPortSaysTLSIsProbablyRequired() throws {
        let tls = try server()
        let error = failure(RedisEndpoint(address: .tcp(host: "127.0.0.1", port: tls.port)))
        #expect(error?.description.contains("requires TLS") == true, "\(String(describing: error))")
    }

    @Test func tlsURLAtAPlainPortSaysTheServerDoesNotSpeakTLS() throws {
        let plain = try TestServer(search: false, tcp: true)
        let port = try #require(plain.process.port)
        var caught: RedisError?
        do {
            _ = try RedisConnection(connectingTo: RedisEndpoint(address: .tcp(host: "127.0.0.1", port: port), tls: RedisTLS()),
                                    options: .init(connectTimeout: 0.5, commandTimeout: 0.5))
        } catch { caught = error }
        #expect(caught?.description.contains("is this a TLS port? try redis://") == true, "\(String(describing: caught))")
    }

    @Test func streamingAndPushedMessagesWorkOverTLS() throws {
        let tls = try server()
        let writer = try RedisConnection(connectingTo: tls.endpoint())
        try writer.write((0..<500).map { RedisCommand("LPUSH", "l", "m\($0)") })
        var acks = 0
        while acks < 500 { _ = try writer.nextReply(); acks += 1 }
        #expect(try writer.send("LLEN", "l") == .integer(500))

        let subscriber = try RedisConnection(connectingTo: tls.endpoint())
        _ = try subscriber.perform(RedisCommand("SUBSCRIBE", "chan"))
        #expect(try subscriber.receivePending(limit: 10).isEmpty)
        try writer.send("PUBLISH", "chan", "hello")
        var got: [RedisReply] = []
        let deadline = Date().addingTimeInterval(3)
        while got.isEmpty && Date() < deadline {
            got = try subscriber.receivePending(limit: 10)
            if got.isEmpty { usleep(2_000) }
        }
        #expect(got.first?.array?.last == .bulk(Array("hello".utf8)))
    }

    @Test func rejectedServerCertificateIsNotRetriedSilently() throws {
        let tls = try server()
        let certs = try Self.certificates.get()
        let c = RedisConnection(endpoint: tls.endpoint(tls: RedisTLS(caFile: certs.otherCAFile)))
        #expect(throws: RedisError.self) { try c.send("PING") }
        #expect(!c.isConnected)
        // The backoff holds the next attempt: no handshake storm against a misconfigured server.
        var second: RedisError?
        do { try c.send("PING") } catch { second = error }
        guard case .disconnected? = second else { Issue.record("expected .disconnected while backing off, got \(String(describing: second))"); return }
    }
}
