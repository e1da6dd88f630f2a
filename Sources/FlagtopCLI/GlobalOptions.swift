import ArgumentParser
import FlagtopCore
import Foundation
import RedisClient

/// Options every subcommand takes (README, "Pointing flagtop at your Redis"; docs/architecture.md).
public struct GlobalOptions: ParsableArguments, Sendable {
    @Option(name: .long, help: "Redis URL: redis://[user:password@]host:port/db, rediss://… (TLS) or unix:///path.sock?db=N. Default: $FLAGTOP_REDIS_URL, then $REDIS_URL, then redis://127.0.0.1:6379/0. Prefer the environment or --password-file for passwords.")
    public var url: String?

    @Option(name: .long, help: "Read the Redis password from this file (first line), so it never shows in ps.")
    public var passwordFile: String?

    @Option(name: .customLong("cacert"), help: "TLS: trust the CA certificates in this PEM file instead of the system's.")
    public var tlsCAFile: String?

    @Option(name: .customLong("cacertdir"), help: "TLS: trust the CA certificates in this directory (c_rehash layout).")
    public var tlsCADirectory: String?

    @Option(name: .customLong("cert"), help: "TLS: client certificate (PEM) for servers that want mutual TLS.")
    public var tlsCertificate: String?

    @Option(name: .customLong("key"), help: "TLS: the client certificate's private key (PEM).")
    public var tlsKey: String?

    @Option(name: .customLong("sni"), help: "TLS: server name to send and to check the certificate against (default: the URL's host).")
    public var tlsServerName: String?

    @Flag(name: .customLong("insecure"), help: "TLS: do not verify the server's certificate (encrypted, not authenticated).")
    public var tlsInsecure = false

    @Option(name: .long, help: "The error database's RediSearch index.")
    public var index: String = FlagtopSettings.defaultIndex

    @Option(name: .long, help: "SCAN pattern of session context keys.")
    public var sessionPattern: String = FlagtopSettings.defaultSessionPattern

    @Option(name: .long, help: "Key prefix of toggle HASHes (none by default, as in the seeds).")
    public var togglePrefix: String = ""

    @Option(name: .long, help: "Who is acting, for the audit trail. Default: $USER@hostname.")
    public var actor: String?

    @Flag(name: .long, help: "Refuse every write.")
    public var readOnly = false

    @Option(name: .long, help: "Seconds to wait for Redis on connect and on each command (0.001-3600).")
    public var timeout: Double = 3

    public init() {}

    public func validate() throws {
        try NumericOption.check("--timeout", timeout, in: 0.001...3600, unit: "seconds")
    }

    /// The endpoint from --url / the environment, with --password-file applied.
    public func endpoint(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> RedisEndpoint {
        let raw = url ?? environment["FLAGTOP_REDIS_URL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["REDIS_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? RedisEndpoint.defaultURL
        var endpoint = try RedisEndpoint(url: raw)
        try applyTLS(to: &endpoint)
        if let passwordFile {
            let text = String(decoding: try SecretFile.read(passwordFile), as: UTF8.self)
            // With a password file, `redis://op@host` names the user `op` (the URL cannot also hold the password);
            // without one it keeps the legacy password-only meaning.
            if endpoint.username == nil, let bare = endpoint.password, Self.userInfoHasNoColon(raw) {
                endpoint.username = bare
            }
            endpoint.password = String(text.prefix(while: { !$0.isNewline }))
        }
        return endpoint
    }

    /// Whether any TLS option was given.
    var anyTLSOption: Bool {
        tlsCAFile != nil || tlsCADirectory != nil || tlsCertificate != nil || tlsKey != nil || tlsServerName != nil || tlsInsecure
    }

    /// The TLS options onto a `rediss://` endpoint; with a plain URL they are an error, not silently ignored.
    func applyTLS(to endpoint: inout RedisEndpoint) throws {
        guard anyTLSOption else { return }
        guard var tls = endpoint.tls else {
            throw CLIFailure("TLS options (--cacert, --cacertdir, --cert, --key, --sni, --insecure) need a rediss:// URL")
        }
        for (flag, file) in [("--cacert", tlsCAFile), ("--cert", tlsCertificate), ("--key", tlsKey)] {
            if let file, !FileManager.default.isReadableFile(atPath: file) { throw CLIFailure("cannot read \(flag) \(file)") }
        }
        if let dir = tlsCADirectory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CLIFailure("--cacertdir \(dir) is not a directory")
            }
        }
        tls.caFile = tlsCAFile ?? tls.caFile
        tls.caDirectory = tlsCADirectory ?? tls.caDirectory
        tls.certificateFile = tlsCertificate ?? tls.certificateFile
        tls.keyFile = tlsKey ?? tls.keyFile
        tls.serverName = tlsServerName ?? tls.serverName
        if tlsInsecure { tls.verifyPeer = false }
        endpoint.tls = tls
    }

    /// Whether the URL's user info (before `@`) is a single word without `:`.
    static func userInfoHasNoColon(_ url: String) -> Bool {
        guard let schemeEnd = url.range(of: "://") else { return false }
        let rest = url[schemeEnd.upperBound...]
        let authority = rest.prefix(while: { $0 != "/" && $0 != "?" })
        guard let at = authority.lastIndex(of: "@") else { return false }
        return !authority[..<at].contains(":")
    }

    /// Settings for the domain library.
    public func settings() throws -> FlagtopSettings {
        FlagtopSettings(
            endpoint: try endpoint(),
            indexName: index,
            sessionPattern: sessionPattern,
            togglePrefix: togglePrefix,
            actor: actor ?? FlagtopSettings.defaultActor(),
            readOnly: readOnly,
            timeout: timeout
        )
    }

    /// A connected client, or a one-line failure: one connection, or a cluster client when the server is a
    /// Redis Cluster node (each command then goes to the master of its key's slot).
    public func connect() throws -> (FlagtopSettings, any RedisClientProtocol) {
        let settings = try settings()
        let client = try RedisClients.connect(settings.endpoint, options: settings.connectionOptions(name: "flagtop-cli"),
                                              otherSeeds: settings.endpoint.otherSeeds)
        return (settings, client)
    }
}
