#!/usr/bin/env python3
"""Hit rates of the two cache rules on the order `partner-bench get` reads customers in.

    Benchmarks/cache-hit-rates.py CUSTOMERS CAPACITY [GETS]

partner-bench's 32 windows each read customer (i * 7919 + w * 31) % CUSTOMERS at their i-th
call (Sources/partner-bench/BenchRunner.swift). This replays that order through the rule the
caches had until the thirteenth round (two generations, the older dropped whole when the
younger holds half the capacity; a hit in the older moves the entry to the younger) and
through CLOCK (ClockCache: evict the first entry the hand finds unread since it last passed),
and prints the share of reads each answers from memory.
"""
import sys

WINDOWS = 32


def order(customers):
    calls = [0] * WINDOWS
    while True:
        for window in range(WINDOWS):
            yield (calls[window] * 7919 + window * 31) % customers
            calls[window] += 1


def generations(customers, capacity, gets):
    half, young, old, hits = capacity // 2, {}, {}, 0
    for _, key in zip(range(gets), order(customers)):
        if key in young:
            hits += 1
            continue
        if key in old:
            hits += 1
            del old[key]
        young[key] = True
        if len(young) >= half:
            old, young = young, {}
    return hits / gets


def clock(customers, capacity, gets):
    positions, keys, read, hand, hits = {}, [], [], 0, 0
    for _, key in zip(range(gets), order(customers)):
        position = positions.get(key)
        if position is not None:
            hits += 1
            read[position] = True
            continue
        if len(keys) < capacity:
            positions[key] = len(keys)
            keys.append(key)
            read.append(False)
            continue
        while read[hand]:
            read[hand] = False
            hand = (hand + 1) % capacity
        del positions[keys[hand]]
        keys[hand], read[hand], positions[key] = key, False, hand
        hand = (hand + 1) % capacity
    return hits / gets


if __name__ == "__main__":
    customers, capacity = int(sys.argv[1]), int(sys.argv[2])
    gets = int(sys.argv[3]) if len(sys.argv) > 3 else 20 * customers
    print(f"customers={customers} capacity={capacity} gets={gets} "
          f"generations={generations(customers, capacity, gets):.3f} clock={clock(customers, capacity, gets):.3f}")
