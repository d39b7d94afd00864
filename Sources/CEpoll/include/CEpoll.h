#ifndef CEPOLL_H
#define CEPOLL_H
// Linux readiness primitives that Glibc's Swift module does not expose cleanly:
// epoll's constants and event struct, eventfd, and a few socket option helpers.
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>

static const uint32_t cepoll_EPOLLIN = EPOLLIN;
static const uint32_t cepoll_EPOLLOUT = EPOLLOUT;
static const uint32_t cepoll_EPOLLERR = EPOLLERR;
static const uint32_t cepoll_EPOLLHUP = EPOLLHUP;
static const uint32_t cepoll_EPOLLRDHUP = EPOLLRDHUP;
static const uint32_t cepoll_EPOLLET = EPOLLET;
static const int cepoll_EPOLL_CLOEXEC = EPOLL_CLOEXEC;
static const int cepoll_EFD_NONBLOCK = EFD_NONBLOCK;
static const int cepoll_EFD_CLOEXEC = EFD_CLOEXEC;
static const int cepoll_SOCK_NONBLOCK = SOCK_NONBLOCK;
static const int cepoll_SOCK_CLOEXEC = SOCK_CLOEXEC;

/// Adds, modifies or removes `fd` in the epoll set with `events`, carrying `data` as a u64 tag.
int cepoll_ctl(int epfd, int op, int fd, uint32_t events, uint64_t data);

/// Waits for events; fills parallel arrays of tags and event masks. Returns count or -1.
int cepoll_wait(int epfd, uint64_t *tags, uint32_t *masks, int max, int timeout_ms);

#endif
