#ifndef FLAGTOP_COPENSSL_SHIM_H
#define FLAGTOP_COPENSSL_SHIM_H
// OpenSSL (Debian's libssl-dev, 3.x) for the TLS transport. Only what Swift cannot import is wrapped here:
// the macros below become small functions; everything else is OpenSSL's own API.
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>

static inline long flagtop_ssl_set_sni(SSL *ssl, const char *name) {
    return SSL_set_tlsext_host_name(ssl, name);
}

static inline long flagtop_ssl_ctx_min_tls12(SSL_CTX *ctx) {
    return SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
}

static inline long flagtop_ssl_ctx_partial_writes(SSL_CTX *ctx) {
    // Non-blocking writes may be resumed with a moved buffer (we keep our own offsets).
    return SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
}
#endif
