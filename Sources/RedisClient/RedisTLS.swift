/// How to speak TLS to a server: which certificates to trust, which client certificate to show, which name to
/// check. Part of the endpoint (a `rediss://` URL sets it), so every connection built from an endpoint uses it.
///
/// Verification is on unless `verifyPeer` is false (`--insecure`): the server's chain must lead to a trusted CA
/// (the system's, or `caFile`/`caDirectory`), and its certificate must name the host (or `serverName`).
/// The option names follow redis-cli's (`--cacert`, `--cacertdir`, `--cert`, `--key`, `--sni`, `--insecure`).
public struct RedisTLS: Sendable, Hashable {
    /// PEM file of CA certificates to trust instead of the system's.
    public var caFile: String?
    /// Directory of hashed CA certificates (`c_rehash` layout) to trust instead of the system's.
    public var caDirectory: String?
    /// Client certificate chain (PEM), for servers that want mutual TLS.
    public var certificateFile: String?
    /// The client certificate's private key (PEM).
    public var keyFile: String?
    /// Name sent as SNI and checked against the certificate; default: the URL's host.
    public var serverName: String?
    /// False skips verification of the chain and of the name (`--insecure`): encrypted, not authenticated.
    public var verifyPeer: Bool

    public init(caFile: String? = nil, caDirectory: String? = nil, certificateFile: String? = nil, keyFile: String? = nil,
                serverName: String? = nil, verifyPeer: Bool = true) {
        self.caFile = caFile
        self.caDirectory = caDirectory
        self.certificateFile = certificateFile
        self.keyFile = keyFile
        self.serverName = serverName
        self.verifyPeer = verifyPeer
    }
}
