import COpenSSL
import Glibc

/// A TLS session (OpenSSL) over a non-blocking TCP socket. The handshake verifies the chain and the host name
/// (or IP address) unless verification is off; a failure says which step failed, in one line.
final class TLSTransport: RedisTransport {
    private var ssl: OpaquePointer?
    private var fd: Int32
    private let context: TLSContext
    /// Set by the context's callback when the server asked for a client certificate we could not give.
    private let certificateRequested = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    /// Whether any application data arrived: failures before it may be the server refusing our certificate.
    private var receivedData = false
    private let hasClientCertificate: Bool

    /// Runs the handshake on a connected socket within the deadline; closes the socket on failure.
    init(fd: Int32, host: String, tls: RedisTLS, deadline: Deadline) throws(RedisError) {
        self.fd = fd
        certificateRequested.pointee = 0
        hasClientCertificate = tls.certificateFile != nil
        do {
            context = try TLSContext.shared(for: tls)
        } catch {
            Glibc.close(fd)
            throw error
        }
        guard let ssl = SSL_new(context.pointer) else {
            Glibc.close(fd)
            throw .tls("cannot start a TLS session: \(TLSErrors.drain())")
        }
        self.ssl = ssl
        _ = SSL_set_ex_data(ssl, 0, certificateRequested)
        do {
            try handshake(ssl, host: host, tls: tls, deadline: deadline)
        } catch {
            close()
            throw error
        }
    }

    deinit {
        close()
        certificateRequested.deallocate()
    }

    func close() {
        if let ssl {
            // A polite close_notify without waiting for the server's; the socket goes next anyway.
            SSL_set_quiet_shutdown(ssl, 1)
            SSL_free(ssl)
        }
        ssl = nil
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    private func handshake(_ ssl: OpaquePointer, host: String, tls: RedisTLS, deadline: Deadline) throws(RedisError) {
        guard SSL_set_fd(ssl, fd) == 1 else { throw .tls("cannot attach TLS to the socket: \(TLSErrors.drain())") }
        let name = tls.serverName ?? host
        let nameIsAddress = Self.isIPAddress(name)
        // SNI carries host names only (RFC 6066); an IP address is checked against the certificate's IP entries.
        if !nameIsAddress { _ = flagtop_ssl_set_sni(ssl, name) }
        if tls.verifyPeer {
            let ok = nameIsAddress ? X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), name) : SSL_set1_host(ssl, name)
            guard ok == 1 else { throw .tls("cannot check the certificate against '\(name)': \(TLSErrors.drain())") }
        }
        while true {
            TLSErrors.clear()
            let result = SSL_connect(ssl)
            if result == 1 { return }
            let code = SSL_get_error(ssl, result)
            switch code {
            case SSL_ERROR_WANT_READ:
                if !deadline.wait(fd: fd, events: Int16(POLLIN)) { throw .timeout("TLS handshake timed out (a plain Redis port never answers a TLS hello: is this a TLS port? try redis://)") }
            case SSL_ERROR_WANT_WRITE:
                if !deadline.wait(fd: fd, events: Int16(POLLOUT)) { throw .timeout("TLS handshake timed out (a plain Redis port never answers a TLS hello: is this a TLS port? try redis://)") }
            default:
                throw handshakeError(ssl, code: code, name: name)
            }
        }
    }

    /// Names the step that failed: trust, name, client certificate, or the handshake itself.
    private func handshakeError(_ ssl: OpaquePointer, code: Int32, name: String) -> RedisError {
        let verify = SSL_get_verify_result(ssl)
        if verify != X509_V_OK {
            let reason = String(cString: X509_verify_cert_error_string(verify))
            switch Int32(verify) {
            case X509_V_ERR_HOSTNAME_MISMATCH, X509_V_ERR_IP_ADDRESS_MISMATCH:
                return .tls("the server's certificate does not match the name '\(name)' (use --sni NAME for the name it carries)")
            case X509_V_ERR_CERT_HAS_EXPIRED, X509_V_ERR_CERT_NOT_YET_VALID:
                return .tls("the server's certificate is not valid now: \(reason)")
            default:
                return .tls("the server's certificate is not trusted: \(reason) (give its CA with --cacert, or --insecure to skip verification)")
            }
        }
        let queued = TLSErrors.drain()
        if code == SSL_ERROR_SYSCALL || code == SSL_ERROR_ZERO_RETURN {
            if queued == "unknown TLS error" {
                return .tls("TLS handshake failed: the server closed the connection (is this a TLS port?)")
            }
        }
        return Self.classify(queued, during: "TLS handshake failed")
    }

    /// Turns OpenSSL's reason text into a line that says what to do.
    static func classify(_ reason: String, during step: String) -> RedisError {
        let lower = reason.lowercased()
        if lower.contains("certificate required") || lower.contains("peer did not return a certificate")
            || lower.contains("handshake failure") && lower.contains("alert") {
            return .tls("the server requires a client certificate (give --cert and --key): \(reason)")
        }
        if lower.contains("wrong version number") || lower.contains("packet length too long") || lower.contains("record layer failure")
            || lower.contains("http request") {
            return .tls("\(step): the server does not speak TLS on this port (try redis://): \(reason)")
        }
        if lower.contains("unknown ca") || lower.contains("bad certificate") || lower.contains("certificate unknown") {
            return .tls("the server rejected the client certificate: \(reason)")
        }
        return .tls("\(step): \(reason)")
    }

    func send(_ bytes: UnsafeRawBufferPointer, deadline: Deadline) throws(RedisError) {
        guard let ssl else { throw .connectionClosed("TLS session closed") }
        var offset = 0
        // OpenSSL writes with plain send(): SIGPIPE must be held off for the duration.
        try SigpipeGuard.run { () throws(RedisError) in
            while offset < bytes.count {
                TLSErrors.clear()
                let n = SSL_write(ssl, bytes.baseAddress! + offset, Int32(clamping: bytes.count - offset))
                if n > 0 { offset += Int(n); continue }
                let code = SSL_get_error(ssl, n)
                switch code {
                case SSL_ERROR_WANT_WRITE:
                    if deadline.isImmediate || !deadline.wait(fd: fd, events: Int16(POLLOUT)) {
                        throw .timeout("could not send within the command timeout (the server stopped reading)")
                    }
                case SSL_ERROR_WANT_READ:
                    if deadline.isImmediate || !deadline.wait(fd: fd, events: Int16(POLLIN)) {
                        throw .timeout("could not send within the command timeout")
                    }
                default:
                    throw ioError(code)
                }
            }
        }
    }

    func receive(into buffer: UnsafeMutableRawBufferPointer, deadline: Deadline) throws(RedisError) -> Int {
        guard let ssl else { throw .connectionClosed("TLS session closed") }
        while true {
            TLSErrors.clear()
            let n = SSL_read(ssl, buffer.baseAddress, Int32(clamping: buffer.count))
            if n > 0 {
                receivedData = true
                return Int(n)
            }
            let code = SSL_get_error(ssl, n)
            switch code {
            case SSL_ERROR_WANT_READ:
                if deadline.isImmediate { return 0 }
                if !deadline.wait(fd: fd, events: Int16(POLLIN)) { throw .timeout("no reply within the command timeout") }
            case SSL_ERROR_WANT_WRITE:
                if deadline.isImmediate { return 0 }
                if !deadline.wait(fd: fd, events: Int16(POLLOUT)) { throw .timeout("no reply within the command timeout") }
            default:
                throw ioError(code)
            }
        }
    }

    private func ioError(_ code: Int32) -> RedisError {
        let error = plainIOError(code)
        if !receivedData, !hasClientCertificate, certificateRequested.pointee != 0 {
            return .tls("the server requires a client certificate (give --cert and --key); it closed the session: \(error)")
        }
        return error
    }

    private func plainIOError(_ code: Int32) -> RedisError {
        let savedErrno = errno
        if code == SSL_ERROR_ZERO_RETURN { return .connectionClosed("server closed the TLS session") }
        let queued = TLSErrors.drain()
        if code == SSL_ERROR_SYSCALL && queued == "unknown TLS error" {
            return .connectionClosed(savedErrno == 0 ? "server closed the connection" : SocketTransport.errnoText(savedErrno))
        }
        // TLS 1.3 servers check a client certificate after the client's handshake finished: their refusal
        // arrives as an alert on the first read.
        return Self.classify(queued, during: "TLS error")
    }

    private static func isIPAddress(_ text: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }
}
