#ifndef CEPOLL_H
#define CEPOLL_H
// Linux readiness primitives that Glibc's Swift module does not expose cleanly:
// epoll's constants and event struct, eventfd, and a few socket helpers that keep the
// sockaddr casts and errno handling on the C side.
#ifndef __linux__
#error "PartnerConsole builds on Linux only: its TCP transport is epoll-based (no kqueue port). Build it on Linux or in a Linux container."
#endif
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/types.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stddef.h>

static const uint32_t cepoll_EPOLLIN = EPOLLIN;
static const uint32_t cepoll_EPOLLOUT = EPOLLOUT;
static const uint32_t cepoll_EPOLLERR = EPOLLERR;
static const uint32_t cepoll_EPOLLHUP = EPOLLHUP;
static const uint32_t cepoll_EPOLLRDHUP = EPOLLRDHUP;
static const uint32_t cepoll_EPOLLET = EPOLLET;
static const int cepoll_EPOLL_CLOEXEC = EPOLL_CLOEXEC;
static const int cepoll_EPOLL_CTL_ADD = EPOLL_CTL_ADD;
static const int cepoll_EPOLL_CTL_MOD = EPOLL_CTL_MOD;
static const int cepoll_EPOLL_CTL_DEL = EPOLL_CTL_DEL;
static const int cepoll_EFD_NONBLOCK = EFD_NONBLOCK;
static const int cepoll_EFD_CLOEXEC = EFD_CLOEXEC;
static const int cepoll_SOCK_NONBLOCK = SOCK_NONBLOCK;
static const int cepoll_SOCK_CLOEXEC = SOCK_CLOEXEC;

/// Adds, modifies or removes `fd` in the epoll set with `events`, carrying `data` as a u64 tag.
int cepoll_ctl(int epfd, int op, int fd, uint32_t events, uint64_t data);

/// Waits for events; fills parallel arrays of tags and event masks. Returns count or -1.
int cepoll_wait(int epfd, uint64_t *tags, uint32_t *masks, int max, int timeout_ms);

/// CLOCK_MONOTONIC in nanoseconds.
uint64_t cepoll_monotonic_ns(void);

/// Resolves `host` (numeric first, then by name) and `port` to one address.
/// `passive` selects a listening address. Returns 0 or a getaddrinfo error code (EAI_*);
/// `cepoll_gai_strerror` describes it.
int cepoll_resolve(const char *host, int port, int passive,
                   struct sockaddr_storage *out, socklen_t *out_len);
const char *cepoll_gai_strerror(int code);

/// A non-blocking, close-on-exec listening TCP socket bound to `addr` with SO_REUSEADDR
/// (and SO_REUSEPORT when `reuse_port`). Returns the fd or -errno.
int cepoll_listen(const struct sockaddr_storage *addr, socklen_t len, int backlog, int reuse_port);

/// Starts a non-blocking connect to `addr`. Returns the fd or -errno; `*in_progress` is 1
/// when the connection completes later (wait for writability, then `cepoll_socket_error`).
int cepoll_connect(const struct sockaddr_storage *addr, socklen_t len, int *in_progress);

/// accept4 with SOCK_NONBLOCK|SOCK_CLOEXEC, sets TCP_NODELAY, and writes the peer as
/// "ip:port" ("[ip]:port" for IPv6) into `peer`. Returns the fd or -errno.
int cepoll_accept(int fd, char *peer, size_t peer_len);

/// The pending socket error (SO_ERROR), 0 when none.
int cepoll_socket_error(int fd);

/// Sets TCP_NODELAY. Returns 0 or -errno.
int cepoll_set_nodelay(int fd);

/// The local address as "ip" plus the port. Returns 0 or -errno.
int cepoll_local_address(int fd, char *host, size_t host_len, int *port);

/// The remote address as "ip:port". Returns 0 or -errno.
int cepoll_peer_address(int fd, char *peer, size_t peer_len);

/// read(2) retried on EINTR. Returns bytes read, 0 at end of stream, or -errno.
ssize_t cepoll_read(int fd, void *buf, size_t len);

/// send(2) with MSG_NOSIGNAL retried on EINTR. Returns bytes sent or -errno.
ssize_t cepoll_send(int fd, const void *buf, size_t len);

/// shutdown(fd, SHUT_WR). Returns 0 or -errno.
int cepoll_shutdown_write(int fd);
/// Makes the next close(2) of `fd` send a reset (SO_LINGER on, 0 s): unsent bytes are dropped.
void cepoll_set_linger_reset(int fd);

/// Adds 1 to an eventfd (wakes its reader). Returns 0 or -errno.
int cepoll_eventfd_signal(int fd);

/// Reads and clears an eventfd's counter.
void cepoll_eventfd_drain(int fd);

/// Sets the receive buffer size (SO_RCVBUF); for tests that need TCP to push back early.
int cepoll_set_rcvbuf(int fd, int bytes);

/// Sets the send buffer size (SO_SNDBUF).
int cepoll_set_sndbuf(int fd, int bytes);

/// Names the calling thread (at most 15 characters are kept).
void cepoll_set_thread_name(const char *name);

#endif
