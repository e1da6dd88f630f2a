import FlagtopTestSupport
import Foundation
import Testing

/// The CLI over TLS with redis-cli's option names, against a TLS-only server.
@Suite(.serialized) struct TLSCLITests {
    static let certificates = Result { try TLSCertificates() }

    private func server(mutual: Bool = false) throws -> TLSTestServer {
        try TLSTestServer(certificates: try Self.certificates.get(), requireClientCertificate: mutual)
    }

    @Test func killOverVerifiedTLS() throws {
        let tls = try server()
        try tls.server.redisCLI(["HSET", "useNewAlgorithm", "toggle", "True", "releaseNum", "2.5"])
        let out = try CLI.run(["kill", "useNewAlgorithm", "--reason", "tls", "--cacert", tls.certificates.caFile], url: tls.url)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("killed useNewAlgorithm"))
        #expect(try tls.server.redisCLI(["HGET", "useNewAlgorithm", "toggle"]) == "False\n")
        let toggles = try CLI.run(["toggles", "--cacert", tls.certificates.caFile], url: tls.url)
        #expect(toggles.stdout.contains("KILLED"), "\(toggles.stdout) \(toggles.stderr)")
    }

    @Test func mutualTLSWithCertAndKey() throws {
        let tls = try server(mutual: true)
        let certs = tls.certificates
        let ok = try CLI.run(["ping", "--cacert", certs.caFile, "--cert", certs.clientCertificate, "--key", certs.clientKey], url: tls.url)
        #expect(ok.status == 0, "\(ok.stderr)")
        let refused = try CLI.run(["ping", "--cacert", certs.caFile], url: tls.url)
        #expect(refused.status == 1)
        #expect(refused.stderrLines.count == 1)
        #expect(refused.stderr.contains("requires a client certificate"), "\(refused.stderr)")
    }

    @Test func failuresAreOneLineThatNamesTheStep() throws {
        let tls = try server()
        let certs = tls.certificates
        let untrusted = try CLI.failsWithOneLine(["toggles"], server: nil, url: tls.url)
        #expect(untrusted.contains("not trusted") && untrusted.contains("--cacert"), "\(untrusted)")
        let mismatch = try CLI.failsWithOneLine(["toggles", "--cacert", certs.caFile, "--sni", "other.example"], server: nil, url: tls.url)
        #expect(mismatch.contains("does not match the name 'other.example'"), "\(mismatch)")
        let insecure = try CLI.run(["toggles", "--insecure", "--sni", "other.example"], url: tls.url)
        #expect(insecure.status == 0, "\(insecure.stderr)")
        let plain = try CLI.failsWithOneLine(["toggles"], server: nil, url: "redis://127.0.0.1:\(tls.port)")
        #expect(plain.contains("requires TLS"), "\(plain)")
        let optionWithoutTLS = try CLI.failsWithOneLine(["toggles", "--cacert", certs.caFile], server: nil, url: "redis://127.0.0.1:\(tls.port)")
        #expect(optionWithoutTLS.contains("need a rediss:// URL"), "\(optionWithoutTLS)")
        let missingFile = try CLI.failsWithOneLine(["toggles", "--cacert", "/nonexistent/ca.pem"], server: nil, url: tls.url)
        #expect(missingFile.contains("cannot read --cacert"), "\(missingFile)")
    }
}
