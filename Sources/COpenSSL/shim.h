#ifndef COPENSSL_SHIM_H
#define COPENSSL_SHIM_H
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/pem.h>
#include <openssl/bio.h>

/* Function forms of OpenSSL macros that Swift cannot import. */

static inline long copenssl_CTX_set_mode(SSL_CTX *ctx, long mode) {
    return SSL_CTX_set_mode(ctx, mode);
}

static inline int copenssl_CTX_set_min_proto_version(SSL_CTX *ctx, int version) {
    return (int)SSL_CTX_set_min_proto_version(ctx, version);
}

static inline uint64_t copenssl_CTX_set_options(SSL_CTX *ctx, uint64_t options) {
    return SSL_CTX_set_options(ctx, options);
}

static inline int copenssl_set_tlsext_host_name(SSL *ssl, const char *name) {
    return (int)SSL_set_tlsext_host_name(ssl, name);
}

static inline size_t copenssl_BIO_pending(BIO *bio) {
    return BIO_ctrl_pending(bio);
}

/* Modes and options, as plain values. */
static inline long copenssl_mode_defaults(void) {
    return SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER | SSL_MODE_RELEASE_BUFFERS;
}

static inline uint64_t copenssl_options_defaults(void) {
    return SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION | SSL_OP_CIPHER_SERVER_PREFERENCE;
}

static inline int copenssl_filetype_pem(void) { return SSL_FILETYPE_PEM; }
static inline int copenssl_verify_peer(void) { return SSL_VERIFY_PEER; }
static inline int copenssl_verify_require_peer(void) {
    return SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT;
}
static inline int copenssl_tls1_2_version(void) { return TLS1_2_VERSION; }
static inline int copenssl_tls1_3_version(void) { return TLS1_3_VERSION; }

#endif
