import Foundation
import RedisClient
import RedisLauncher

/// Certificates made by `openssl` for one test run: a CA, a server certificate for `localhost` and 127.0.0.1,
/// a client certificate from the same CA, and an unrelated CA that trusts nothing here.
public final class TLSCertificates: @unchecked Sendable {
    public let directory: URL
    public var caFile: String { path("ca.crt") }
    public var otherCAFile: String { path("other-ca.crt") }
    public var serverCertificate: String { path("server.crt") }
    public var serverKey: String { path("server.key") }
    public var clientCertificate: String { path("client.crt") }
    public var clientKey: String { path("client.key") }

    public init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("flagtop-tls-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try makeCA("ca")
        try makeCA("other-ca")
        try makeLeaf("server", subject: "/CN=localhost", extensions: "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth")
        try makeLeaf("client", subject: "/CN=flagtop-test-client", extensions: "extendedKeyUsage=clientAuth")
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    private func openssl(_ arguments: [String]) throws {
        let result = try ProcessRunner.run("openssl", arguments, timeout: 30)
        guard result.status == 0 else { throw LauncherError.setup("openssl \(arguments.first ?? ""): \(result.stderr)") }
    }

    private func makeCA(_ name: String) throws {
        try openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=flagtop test \(name)",
                     "-keyout", path("\(name).key"), "-out", path("\(name).crt")])
    }

    private func makeLeaf(_ name: String, subject: String, extensions: String) throws {
        try openssl(["req", "-newkey", "rsa:2048", "-nodes", "-subj", subject, "-keyout", path("\(name).key"), "-out", path("\(name).csr")])
        try extensions.write(toFile: path("\(name).ext"), atomically: true, encoding: .utf8)
        try openssl(["x509", "-req", "-in", path("\(name).csr"), "-CA", caFile, "-CAkey", path("ca.key"), "-CAcreateserial",
                     "-days", "2", "-extfile", path("\(name).ext"), "-out", path("\(name).crt")])
    }
}

/// A private redis-server that speaks only TLS on a loopback port (plain TCP off; its unix socket stays for
/// the launcher's own readiness check and for admin commands from tests).
public final class TLSTestServer: @unchecked Sendable {
    public let certificates: TLSCertificates
    public let server: TestServer
    public let port: Int

    /// `requireClientCertificate` turns on mutual TLS (`tls-auth-clients yes`).
    public init(certificates: TLSCertificates? = nil, requireClientCertificate: Bool = false, search: Bool = false,
                extraArguments: [String] = []) throws {
        let certs = try certificates ?? TLSCertificates()
        self.certificates = certs
        port = try RedisServerProcess.freePort()
        server = try TestServer(search: search, extraArguments: [
            "--tls-port", String(port),
            "--tls-cert-file", certs.serverCertificate,
            "--tls-key-file", certs.serverKey,
            "--tls-ca-cert-file", certs.caFile,
            "--tls-auth-clients", requireClientCertificate ? "yes" : "no",
        ] + extraArguments)
    }

    /// `rediss://host:port` with the test CA trusted (and the client certificate when asked).
    public func endpoint(host: String = "127.0.0.1", clientCertificate: Bool = false, tls: RedisTLS? = nil) -> RedisEndpoint {
        var settings = tls ?? RedisTLS(caFile: certificates.caFile)
        if clientCertificate {
            settings.certificateFile = certificates.clientCertificate
            settings.keyFile = certificates.clientKey
        }
        return RedisEndpoint(address: .tcp(host: host, port: port), tls: settings)
    }

    public var url: String { "rediss://127.0.0.1:\(port)" }

    public func stop() { server.stop() }
}
