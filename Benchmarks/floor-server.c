/* floor-server: the floor every benchmark is compared with. An epoll server in C that speaks
 * the framing of WIRE.md §2 (4-byte big-endian length, then UTF-8 JSON) and answers every
 * frame with one fixed result carrying the request's top-level "id": no JSON parsing beyond
 * finding that id, no allocation per call, one thread. Whatever PartnerConsole does on top
 * of reading a frame and writing an answer shows as the distance from this server.
 *
 *   gcc -O2 -o floor-server Benchmarks/floor-server.c
 *   floor-server [PORT]           (0 or absent: an ephemeral port)
 *
 * Prints "listening PORT" on standard output once it accepts connections, then runs until
 * killed.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_FRAME (4u << 20)

/* The answer: the size of a small customer view, so the floor writes what a Get writes. */
static const char *RESULT =
    "\"result\":{\"name\":\"customers/cus_01JF0000000000000000000000\",\"displayName\":\"Pagerco 00017\","
    "\"state\":\"ACTIVE\",\"type\":\"DOMAIN\",\"primaryDomain\":\"pagerco-00017.example\","
    "\"etag\":\"3\",\"createTime\":\"2026-12-05T10:00:00.000Z\"}}";

typedef struct {
    int fd;
    uint8_t *in; size_t in_len, in_cap;
    uint8_t *out; size_t out_off, out_len, out_cap;
    int want_out;
} conn_t;

static void die(const char *what) { perror(what); exit(1); }

static void reserve(uint8_t **buf, size_t *cap, size_t need) {
    if (need <= *cap) return;
    size_t cap2 = *cap ? *cap : 65536;
    while (cap2 < need) cap2 *= 2;
    *buf = realloc(*buf, cap2);
    if (!*buf) die("realloc");
    *cap = cap2;
}

/* The bytes of the top-level "id" value (a number or a string without escapes), or "null". */
static void find_id(const uint8_t *p, size_t n, const uint8_t **id, size_t *id_len) {
    int depth = 0, in_string = 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t ch = p[i];
        if (in_string) {
            if (ch == '\\') i++;
            else if (ch == '"') in_string = 0;
            continue;
        }
        if (ch == '{' || ch == '[') depth++;
        else if (ch == '}' || ch == ']') depth--;
        else if (ch == '"') {
            if (depth == 1 && i + 4 < n && !memcmp(p + i, "\"id\"", 4)) {
                size_t j = i + 4;
                while (j < n && (p[j] == ' ' || p[j] == ':')) j++;
                size_t k = j;
                if (k < n && p[k] == '"') {
                    k++;
                    while (k < n && p[k] != '"') k++;
                    k++;
                } else {
                    while (k < n && p[k] != ',' && p[k] != '}' && p[k] != ' ') k++;
                }
                *id = p + j;
                *id_len = k - j;
                return;
            }
            in_string = 1;
        }
    }
    *id = (const uint8_t *)"null";
    *id_len = 4;
}

static void answer(conn_t *c, const uint8_t *payload, size_t n) {
    const uint8_t *id;
    size_t id_len;
    find_id(payload, n, &id, &id_len);
    size_t result_len = strlen(RESULT);
    static const char HEAD[] = "{\"jsonrpc\":\"2.0\",\"id\":";
    size_t head_len = sizeof HEAD - 1;
    size_t body = head_len + id_len + 1 + result_len;
    reserve(&c->out, &c->out_cap, c->out_len + 4 + body);
    uint8_t *w = c->out + c->out_len;
    w[0] = (uint8_t)(body >> 24); w[1] = (uint8_t)(body >> 16); w[2] = (uint8_t)(body >> 8); w[3] = (uint8_t)body;
    w += 4;
    memcpy(w, HEAD, head_len); w += head_len;
    memcpy(w, id, id_len); w += id_len;
    *w++ = ',';
    memcpy(w, RESULT, result_len);
    c->out_len += 4 + body;
}

/* Reads what is there, answers every whole frame; returns -1 when the connection must close. */
static int on_readable(conn_t *c) {
    for (;;) {
        reserve(&c->in, &c->in_cap, c->in_len + 65536);
        ssize_t got = read(c->fd, c->in + c->in_len, c->in_cap - c->in_len);
        if (got == 0) return -1;
        if (got < 0) return (errno == EAGAIN || errno == EINTR) ? 0 : -1;
        c->in_len += (size_t)got;
        size_t at = 0;
        while (c->in_len - at >= 4) {
            uint32_t len = (uint32_t)c->in[at] << 24 | (uint32_t)c->in[at + 1] << 16 | (uint32_t)c->in[at + 2] << 8 | c->in[at + 3];
            if (len == 0 || len > MAX_FRAME) return -1;
            if (c->in_len - at - 4 < len) break;
            answer(c, c->in + at + 4, len);
            at += 4 + len;
        }
        memmove(c->in, c->in + at, c->in_len - at);
        c->in_len -= at;
        if ((size_t)got < 65536) return 0;
    }
}

/* Writes what is queued; returns 1 while bytes remain, -1 on error. */
static int flush_out(conn_t *c) {
    while (c->out_off < c->out_len) {
        ssize_t put = write(c->fd, c->out + c->out_off, c->out_len - c->out_off);
        if (put < 0) return (errno == EAGAIN || errno == EINTR) ? 1 : -1;
        c->out_off += (size_t)put;
    }
    c->out_off = c->out_len = 0;
    return 0;
}

static void drop(conn_t *c) {
    close(c->fd);
    free(c->in);
    free(c->out);
    free(c);
}

int main(int argc, char **argv) {
    int port = argc > 1 ? atoi(argv[1]) : 0;
    int ls = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (ls < 0) die("socket");
    int one = 1;
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(ls, (struct sockaddr *)&addr, sizeof addr) < 0) die("bind");
    if (listen(ls, 1024) < 0) die("listen");
    socklen_t alen = sizeof addr;
    getsockname(ls, (struct sockaddr *)&addr, &alen);
    printf("listening %d\n", ntohs(addr.sin_port));
    fflush(stdout);

    int ep = epoll_create1(0);
    if (ep < 0) die("epoll_create1");
    struct epoll_event lev = { .events = EPOLLIN, .data.ptr = NULL };
    epoll_ctl(ep, EPOLL_CTL_ADD, ls, &lev);
    struct epoll_event evs[64];
    for (;;) {
        int n = epoll_wait(ep, evs, 64, -1);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) die("epoll_wait");
        for (int i = 0; i < n; i++) {
            conn_t *c = evs[i].data.ptr;
            if (!c) {
                int fd;
                while ((fd = accept4(ls, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    conn_t *nc = calloc(1, sizeof *nc);
                    nc->fd = fd;
                    struct epoll_event ev = { .events = EPOLLIN, .data.ptr = nc };
                    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
                }
                continue;
            }
            int closed = 0;
            if (evs[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) closed = on_readable(c) < 0;
            int pending = closed ? -1 : flush_out(c);
            if (pending < 0) {
                epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
                drop(c);
                continue;
            }
            if (pending != c->want_out) {
                c->want_out = pending;
                struct epoll_event ev = { .events = EPOLLIN | (pending ? EPOLLOUT : 0), .data.ptr = c };
                epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
            }
        }
    }
}
