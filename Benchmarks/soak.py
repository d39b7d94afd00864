#!/usr/bin/env python3
"""Soak test for partner-server: minutes of mixed load with the server's memory watched.

Starts a partner-server (default configuration but for the conformance service, which the
stream load uses) on 127.0.0.1 with a fresh data folder, then runs at once:

  readers      4 connections: Customers.Get and Customers.List, one call in flight each
  writers      2 connections: Subscriptions.ChangeSeats +1/-1 with idempotency keys
  streams      1 connection: Conformance.Stream of 200 items, credit granted as read
  idle         200 connections that only send $/ping once a minute
  churn        connect, Health.Check, close (a quarter reset, a quarter mid-frame), ~20/s
  refused      a connection pipelining calls with unknown tokens, reading every answer
  hostile      every 30 s a client pipelining 2,000 Customers.List {"pageSize":200} that
               never reads (the server resets it at the stall timeout), and a slowloris
               frame that never finishes

RSS (VmRSS) and open descriptors of the server are sampled every second. Pass means:
  - no call lost: every call of the well-behaved workers got its answer, none an error
    other than the expected ones, and every acknowledged seat change is in the database;
  - RSS flat: the median of the last minute is within 10% of the median of the second;
  - descriptors back to the baseline once every client has gone.
Writes soak-<stamp>.csv and soak-<stamp>.svg (RSS and descriptors over time) beside this
script, or into --out.

  swift build -c release --scratch-path .build-rel --product partner-server
  python3 Benchmarks/soak.py --server .build-rel/release/partner-server --minutes 10
"""

import argparse
import json
import os
import random
import shutil
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time

stop = threading.Event()


def frame(message):
    payload = json.dumps(message, separators=(",", ":")).encode()
    return struct.pack(">I", len(payload)) + payload


class Conn:
    """One connection, one call in flight, every read bounded by a timeout."""

    def __init__(self, port, timeout=30.0):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.next_id = 0

    def read_frame(self):
        header = self._exact(4)
        return json.loads(self._exact(struct.unpack(">I", header)[0]))

    def _exact(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise ConnectionError("the server closed the connection")
            data += chunk
        return data

    def call(self, method, params, meta=None):
        self.next_id += 1
        call_id = self.next_id
        message = {"jsonrpc": "2.0", "id": call_id, "method": method, "params": params}
        if meta:
            message["meta"] = meta
        self.sock.sendall(frame(message))
        while True:
            reply = self.read_frame()
            if reply.get("id") == call_id and "method" not in reply:
                return reply

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


class Counters:
    def __init__(self):
        self.lock = threading.Lock()
        self.values = {}
        self.failures = []

    def add(self, name, n=1):
        with self.lock:
            self.values[name] = self.values.get(name, 0) + n

    def fail(self, what):
        with self.lock:
            if len(self.failures) < 50:
                self.failures.append(what)
            self.values["lost"] = self.values.get("lost", 0) + 1

    def snapshot(self):
        with self.lock:
            return dict(self.values)


def expect_result(counters, name, reply):
    if "result" in reply:
        counters.add(name)
        return reply["result"]
    counters.fail(f"{name}: {reply.get('error')}")
    return None


def reader(port, auth, customers, counters):
    conn = Conn(port)
    rng = random.Random()
    while not stop.is_set():
        try:
            if rng.random() < 0.8:
                expect_result(counters, "get", conn.call("Customers.Get", {"customerId": rng.choice(customers)}, auth))
            else:
                expect_result(counters, "list", conn.call("Customers.List", {"pageSize": 50}, auth))
        except (OSError, ConnectionError) as error:
            counters.fail(f"reader: {error}")
            return
    conn.close()


def writer(port, auth, subscription, start_seats, counters, outcome, index):
    conn = Conn(port)
    seats = start_seats
    n = 0
    while not stop.is_set():
        n += 1
        delta = 1 if seats < start_seats + 5 else -1
        meta = dict(auth, idempotencyKey=f"soak-{index}-{n}")
        try:
            result = expect_result(
                counters, "write",
                conn.call("Subscriptions.ChangeSeats", {"subscriptionId": subscription, "delta": delta}, meta))
        except (OSError, ConnectionError) as error:
            counters.fail(f"writer: {error}")
            return
        if result is not None:
            seats += delta
    outcome[subscription] = seats
    conn.close()


def streamer(port, counters):
    conn = Conn(port)
    while not stop.is_set():
        conn.next_id += 1
        call_id = conn.next_id
        try:
            conn.sock.sendall(frame({"jsonrpc": "2.0", "id": call_id, "method": "Conformance.Stream",
                                     "params": {"count": 200, "itemBytes": 1024}}))
            items = 0
            while True:
                message = conn.read_frame()
                if message.get("method") == "$/item":
                    items += 1
                    if items % 16 == 0:
                        conn.sock.sendall(frame({"jsonrpc": "2.0", "method": "$/credit",
                                                 "params": {"id": call_id, "items": 16}}))
                elif message.get("id") == call_id:
                    break
            if items != 200 or "result" not in message:
                counters.fail(f"stream: {items} items, {message}")
            else:
                counters.add("stream items", items)
        except (OSError, ConnectionError) as error:
            counters.fail(f"stream: {error}")
            return
    conn.close()


def idler(port, counters, count):
    conns = []
    for _ in range(count):
        conns.append(Conn(port))
    last_ping = time.time()
    while not stop.wait(1.0):
        if time.time() - last_ping < 60:
            continue
        last_ping = time.time()
        for conn in conns:
            try:
                reply = conn.call("$/ping", {})
                counters.add("idle pings") if "result" in reply else counters.fail(f"ping: {reply}")
            except (OSError, ConnectionError) as error:
                counters.fail(f"idle: {error}")
    for conn in conns:
        conn.close()


def churner(port, counters):
    rng = random.Random()
    while not stop.wait(0.05):
        try:
            conn = Conn(port)
            kind = rng.random()
            if kind < 0.5:
                expect_result(counters, "churn", conn.call("Health.Check", {"service": ""}))
                conn.close()
            elif kind < 0.75:
                conn.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                conn.close()
                counters.add("churn resets")
            else:
                conn.sock.sendall(struct.pack(">I", 100) + b'{"jsonrpc"')
                conn.close()
                counters.add("churn half frames")
        except (OSError, ConnectionError) as error:
            counters.fail(f"churn: {error}")


def refused(port, counters):
    conn = Conn(port)
    n = 0
    while not stop.is_set():
        batch = b""
        for i in range(100):
            n += 1
            batch += frame({"jsonrpc": "2.0", "id": n, "method": "Customers.List", "params": {},
                            "meta": {"authorization": f"Bearer tok_soak{n}.nope"}})
        try:
            conn.sock.sendall(batch)
            for _ in range(100):
                reply = conn.read_frame()
                code = reply.get("error", {}).get("code")
                if code in (16, 8):
                    counters.add("refused")
                else:
                    counters.fail(f"refused token answered {reply}")
        except (OSError, ConnectionError) as error:
            counters.fail(f"refused: {error}")
            return
        time.sleep(0.05)
    conn.close()


def hostile(port, auth, counters):
    while not stop.wait(30.0):
        try:
            attacker = socket.create_connection(("127.0.0.1", port))
            attacker.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            calls = b"".join(frame({"jsonrpc": "2.0", "id": i, "method": "Customers.List",
                                    "params": {"pageSize": 200}, "meta": auth}) for i in range(2000))
            attacker.setblocking(False)
            try:
                attacker.send(calls)
            except BlockingIOError:
                pass
            slow = socket.create_connection(("127.0.0.1", port))
            slow.sendall(struct.pack(">I", 1000) + b'{"jsonrpc":"2.0"')
            counters.add("hostile clients", 2)
            # Held open, never read: the server closes both (stall and frame timeouts).
            threading.Timer(40.0, attacker.close).start()
            threading.Timer(40.0, slow.close).start()
        except OSError as error:
            counters.fail(f"hostile: {error}")


def proc_status(pid):
    rss = 0
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1]) * 1024
    return rss, len(os.listdir(f"/proc/{pid}/fd"))


def svg(samples, path, title):
    width, height, margin = 900, 360, 50
    t_max = max(1, samples[-1][0])
    rss_max = max(s[1] for s in samples) * 1.1
    fd_max = max(s[2] for s in samples) * 1.1

    def points(index, top):
        return " ".join(f"{margin + (s[0] / t_max) * (width - 2 * margin):.1f},"
                        f"{height - margin - (s[index] / top) * (height - 2 * margin):.1f}" for s in samples)

    lines = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="{margin}" y="20" font-size="14">{title}</text>',
        f'<line x1="{margin}" y1="{height - margin}" x2="{width - margin}" y2="{height - margin}" stroke="black"/>',
        f'<line x1="{margin}" y1="{margin}" x2="{margin}" y2="{height - margin}" stroke="black"/>',
        f'<polyline fill="none" stroke="#1f77b4" stroke-width="1.5" points="{points(1, rss_max)}"/>',
        f'<polyline fill="none" stroke="#ff7f0e" stroke-width="1" points="{points(2, fd_max)}"/>',
        f'<text x="{margin + 5}" y="{margin - 5}" fill="#1f77b4">RSS (MiB), top {rss_max / 2**20:.0f}</text>',
        f'<text x="{width - margin - 200}" y="{margin - 5}" fill="#ff7f0e">open descriptors, top {fd_max:.0f}</text>',
        f'<text x="{width / 2 - 40}" y="{height - 15}">time (s), 0 to {t_max:.0f}</text>',
        "</svg>",
    ]
    with open(path, "w") as out:
        out.write("\n".join(lines) + "\n")


def main():
    parser = argparse.ArgumentParser(description="Soak test for partner-server")
    parser.add_argument("--server", required=True, help="path to a partner-server binary (a release build)")
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("--server-arg", action="append", default=[],
                        help="an extra partner-server argument (repeat), e.g. --server-arg=--cache-records=10000")
    args = parser.parse_args()
    if args.minutes < 2:
        sys.exit("soak: --minutes must be at least 2 (the second and the last minute are compared)")

    root = tempfile.mkdtemp(prefix="soak-")
    log = open(os.path.join(root, "server.log"), "w")
    server = subprocess.Popen(
        [args.server, "--listen", "127.0.0.1:0", "--data", os.path.join(root, "data"), "--enable-conformance-service"]
        + args.server_arg,
        stderr=log, stdout=log)
    port = None
    deadline = time.time() + 30
    while time.time() < deadline and port is None:
        time.sleep(0.05)
        with open(os.path.join(root, "server.log")) as text:
            for line in text:
                if "event=server.listening" in line:
                    port = int(line.split("address=")[1].split()[0].rsplit(":", 1)[1])
    if port is None:
        server.kill()
        sys.exit(f"soak: the server did not start; see {root}/server.log")
    token = open(os.path.join(root, "data", "bootstrap-token")).read().strip()
    auth = {"authorization": f"Bearer {token}"}
    counters = Counters()

    setup = Conn(port)
    customers, subscriptions = [], []
    for i in range(200):
        domain = f"soak-{i}.it"
        created = expect_result(counters, "setup", setup.call("Customers.Create", {
            "organisationName": "Soak S.r.l.", "primaryDomain": domain, "customerType": "DOMAIN",
            "postalAddress": {"regionCode": "IT", "postalCode": "20121", "locality": "Milano"},
            "primaryAdminEmail": f"admin@{domain}", "alternateEmail": "backup@example.net",
            "languageCode": "it", "timeZone": "Europe/Rome"}, auth))
        customers.append(created["id"])
        if i < 2:
            placed = expect_result(counters, "setup", setup.call("Orders.Place", {
                "customerId": created["id"], "sku": "ws-business-standard-flex", "seats": 10}, auth))
            subscriptions.append(placed["subscription"]["id"])
    setup.close()
    time.sleep(1.0)
    _, baseline_fds = proc_status(server.pid)

    outcome = {}
    threads = [threading.Thread(target=reader, args=(port, auth, customers, counters)) for _ in range(4)]
    threads += [threading.Thread(target=writer, args=(port, auth, s, 10, counters, outcome, i))
                for i, s in enumerate(subscriptions)]
    threads += [threading.Thread(target=streamer, args=(port, counters)),
                threading.Thread(target=idler, args=(port, counters, 200)),
                threading.Thread(target=churner, args=(port, counters)),
                threading.Thread(target=refused, args=(port, counters)),
                threading.Thread(target=hostile, args=(port, auth, counters))]
    for thread in threads:
        thread.start()

    samples = []
    start = time.time()
    duration = args.minutes * 60
    try:
        while time.time() - start < duration:
            time.sleep(1.0 - ((time.time() - start) % 1.0))
            rss, fds = proc_status(server.pid)
            samples.append((time.time() - start, rss, fds, counters.snapshot()))
            if len(samples) % 30 == 0:
                print(f"{samples[-1][0]:6.0f} s  RSS {rss / 2**20:6.1f} MiB  fds {fds:4d}  {samples[-1][3]}", flush=True)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)

    # Every acknowledged seat change is in the database.
    check = Conn(port)
    listed = expect_result(counters, "verify", check.call("Subscriptions.List", {"pageSize": 200}, auth)) or {}
    stored_seats = {item["id"]: item["seats"] for item in listed.get("items", [])}
    for subscription, seats in outcome.items():
        if stored_seats.get(subscription) != seats:
            counters.fail(f"subscription {subscription}: {stored_seats.get(subscription)} seats stored, {seats} acknowledged")
    check.close()
    time.sleep(45)  # the last hostile clients are closed by their timeouts; lingering sockets go
    _, final_fds = proc_status(server.pid)
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)

    stamp = time.strftime("%Y-%m-%d-%H%M", time.gmtime())
    csv_path = os.path.join(args.out, f"soak-{stamp}.csv")
    with open(csv_path, "w") as out:
        out.write("seconds,rss_bytes,open_descriptors\n")
        for t, rss, fds, _ in samples:
            out.write(f"{t:.1f},{rss},{fds}\n")
    svg_path = os.path.join(args.out, f"soak-{stamp}.svg")
    svg(samples, svg_path, f"partner-server soak, {args.minutes:g} min: RSS and open descriptors")

    second = [s[1] for s in samples if 60 <= s[0] < 120]
    last = [s[1] for s in samples if s[0] >= duration - 60]
    second_median, last_median = statistics.median(second), statistics.median(last)
    drift = (last_median - second_median) / second_median
    totals = counters.snapshot()
    lost = totals.get("lost", 0)
    print(f"calls: {totals}")
    print(f"RSS median: second minute {second_median / 2**20:.1f} MiB, last minute {last_median / 2**20:.1f} MiB "
          f"({drift * 100:+.1f}%); peak {max(s[1] for s in samples) / 2**20:.1f} MiB")
    print(f"descriptors: baseline {baseline_fds}, at the end {final_fds}")
    print(f"wrote {csv_path} and {svg_path}")
    failures = []
    if lost:
        failures.append(f"{lost} call(s) lost: {counters.failures[:5]}")
    if abs(drift) > 0.10:
        failures.append(f"RSS not flat: {drift * 100:+.1f}% from the second minute to the last")
    if final_fds > baseline_fds:
        failures.append(f"descriptors not back to baseline: {final_fds} > {baseline_fds}")
    shutil.rmtree(root, ignore_errors=True)
    if failures:
        print("FAIL: " + "; ".join(failures))
        return 1
    print("PASS: no call lost, RSS flat, descriptors back to baseline")
    return 0


if __name__ == "__main__":
    sys.exit(main())
