import COpenSSL
import Synchronization

/// An OpenSSL client context built once per TLS configuration and shared by every connection that uses it:
/// loading the system's CA store costs milliseconds, a handshake should not pay for it again.
final class TLSContext: @unchecked Sendable {
    // SSL_CTX is safe to share across threads once configured; only SSL_new reads it afterwards.
    let pointer: OpaquePointer

    private init(pointer: OpaquePointer) { self.pointer = pointer }
    deinit { SSL_CTX_free(pointer) }

    private static let cache = Mutex<[RedisTLS: TLSContext]>([:])

    /// The context for `tls`, built on first use. A failure (unreadable CA file, key that does not match the
    /// certificate) is one line naming the file, and nothing is cached.
    static func shared(for tls: RedisTLS) throws(RedisError) -> TLSContext {
        if let found = cache.withLock({ $0[tls] }) { return found }
        let made = try make(tls)
        return cache.withLock { cached in
            if let raced = cached[tls] { return raced }
            cached[tls] = made
            return made
        }
    }

    private static func make(_ tls: RedisTLS) throws(RedisError) -> TLSContext {
        guard let ctx = SSL_CTX_new(TLS_client_method()) else { throw .tls("cannot create a TLS context: \(TLSErrors.drain())") }
        let context = TLSContext(pointer: ctx)
        _ = flagtop_ssl_ctx_min_tls12(ctx)
        _ = flagtop_ssl_ctx_partial_writes(ctx)
        if tls.verifyPeer {
            SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nil)
            if tls.caFile != nil || tls.caDirectory != nil {
                TLSErrors.clear()
                guard SSL_CTX_load_verify_locations(ctx, tls.caFile, tls.caDirectory) == 1 else {
                    throw .tls("cannot load the CA certificates from \(tls.caFile ?? tls.caDirectory ?? ""): \(TLSErrors.drain())")
                }
            } else if SSL_CTX_set_default_verify_paths(ctx) != 1 {
                throw .tls("cannot load the system's CA certificates: \(TLSErrors.drain())")
            }
        } else {
            SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, nil)
        }
        switch (tls.certificateFile, tls.keyFile) {
        case let (cert?, key?):
            TLSErrors.clear()
            guard SSL_CTX_use_certificate_chain_file(ctx, cert) == 1 else {
                throw .tls("cannot load the client certificate \(cert): \(TLSErrors.drain())")
            }
            guard SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) == 1 else {
                throw .tls("cannot load the client key \(key): \(TLSErrors.drain())")
            }
            guard SSL_CTX_check_private_key(ctx) == 1 else {
                throw .tls("the client key \(key) does not match the certificate \(cert)")
            }
        case (nil, nil):
            // Note when a server asks for a certificate we do not have: a TLS 1.3 server refuses only after the
            // client's handshake is done, and its alert is often lost to a reset; the note lets us say why.
            SSL_CTX_set_client_cert_cb(ctx, noteCertificateRequest)
        case (.some, nil):
            throw .tls("a client certificate needs its key: add --key")
        case (nil, .some):
            throw .tls("a client key needs its certificate: add --cert")
        }
        return context
    }
}

/// OpenSSL's per-thread error queue, read as one line.
enum TLSErrors {
    static func clear() { ERR_clear_error() }

    /// The reasons queued since the last `clear`, oldest first, joined; empties the queue.
    static func drain() -> String {
        var reasons: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            if let reason = ERR_reason_error_string(code) { reasons.append(String(cString: reason)) }
            else { reasons.append("error \(code)") }
        }
        return reasons.isEmpty ? "unknown TLS error" : reasons.joined(separator: "; ")
    }
}

/// Client-certificate callback for contexts without one: records the request in the session's app data (a flag
/// owned by its `TLSTransport`) and answers "no certificate".
private let noteCertificateRequest: @convention(c) (OpaquePointer?, UnsafeMutablePointer<OpaquePointer?>?, UnsafeMutablePointer<OpaquePointer?>?) -> Int32 = { ssl, _, _ in
    if let ssl, let flag = SSL_get_ex_data(ssl, 0) { flag.assumingMemoryBound(to: Int32.self).pointee = 1 }
    return 0
}
