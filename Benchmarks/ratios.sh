#!/bin/sh
# Reads the RESULT lines of one run (run-all.sh's results file) and prints, per scenario, a
# RATIO line against the C floor (label=floor) of the same file:
#   RATIO scenario=S calls_per_s=R floor_share=R/floor cpu_us_per_call=C cpu_vs_floor=C/floor
# jload lines (label=..., rate=, server_cpu_s_per_100k=) and partner-bench lines (scenario=...,
# calls_per_s=, server_cpu_us_per_call=) are both understood.
#
#   Benchmarks/ratios.sh RESULTS_FILE
set -eu
awk '
function field(name,   i, kv) {
    for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == name) return kv[2] }
    return ""
}
/^RESULT / {
    name = field("label"); if (name == "") name = field("scenario")
    rate = field("rate"); if (rate == "") rate = field("calls_per_s")
    cpu = field("server_cpu_us_per_call")
    if (cpu == "" && field("server_cpu_s_per_100k") != "") cpu = field("server_cpu_s_per_100k") * 10
    n++; names[n] = name; rates[n] = rate; cpus[n] = cpu
    if (name == "floor") { floor_rate = rate; floor_cpu = cpu }
}
END {
    if (floor_rate == "" || floor_rate == 0) { print "ratios.sh: no floor line (label=floor) in the results" > "/dev/stderr"; exit 1 }
    for (i = 1; i <= n; i++) {
        line = sprintf("RATIO scenario=%s calls_per_s=%s floor_share=%.3f", names[i], rates[i], rates[i] / floor_rate)
        if (cpus[i] != "" && floor_cpu > 0) line = line sprintf(" cpu_us_per_call=%.2f cpu_vs_floor=%.1f", cpus[i], cpus[i] / floor_cpu)
        print line
    }
}' "$1"
