#!/usr/bin/env python3
"""collect-linux.py RIGDIR... > linux-6.18.csv

One row per run of the real-kernel bulk rig (../shared/linux-reference/bulk-rig/run-bulk, run as
`OUT=RIGDIR/NAME run-bulk --name NAME ...`), from its own outputs: the goodput it printed (receiver
bytes over [10 s, end]), the sender's counters (nstat before/after), the delay line's statistics
and, for runs with --pcap, the window the receiver advertised most often after 10 s (tshark).
NAME encodes the scenario: L_<cc>_p<p>_s<seed> (100 Mbit/s, 25 ms each way, 430 frames),
P2_<cc>_p<p>_s<seed> (20 Mbit/s, 50 ms, 165 frames), R_<cc>_rb<SO_RCVBUF>_s<seed> (no loss)."""
import csv, glob, json, os, re, subprocess, sys, time
from collections import Counter

w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["scenario", "cc", "loss_p", "so_rcvbuf", "rate_bps", "delay_us", "queue_frames", "seed", "date",
            "kernel", "duration_s", "goodput_mbps", "retrans_segs", "sack_recoveries", "rto_timeouts",
            "frames_lost", "data_frames", "late_over_1ms", "adv_window_bytes"])
kernel = os.uname().release
rows = []
for d in sys.argv[1:]:
    name = os.path.basename(os.path.normpath(d))
    m = re.match(r"(L|P2|R)_(\w+?)_(p[\d.e-]+|rb\d+)_s(\d+)$", name)
    out = os.path.join(d, "stdout.txt")
    if not m or not os.path.exists(out):
        continue
    kind, cc, param, seed = m.groups()
    g = re.search(r"goodput over \[10 s, end\]: ([\d.]+) Mbit/s", open(out).read())
    if not g:
        continue
    base = glob.glob(os.path.join(d, "exp9_*.nstat.json"))[0][:-len(".nstat.json")]
    n = json.load(open(base + ".nstat.json"))
    def flat(x):
        r = {}
        for v in x.values() if isinstance(x, dict) else []:
            if isinstance(v, dict):
                r.update({k: c for k, c in v.items() if isinstance(c, (int, float))})
        return r
    a, b = flat(n["sender_after"]), flat(n["sender_before"])
    delta = lambda k: a.get(k, 0) - b.get(k, 0)
    dl = json.load(open(base + ".dl.json"))
    ab = dl["a_to_b"]
    h = ab["lateness_us"]["hist"]
    late = h.get("1_2ms", 0) + h.get("ge2ms", 0)
    scen = {"L": "loss-100M-50ms", "P2": "loss-20M-100ms", "R": "rcvbuf-100M-50ms"}[kind]
    rate, delay, q = {"L": (100000000, 25000, 430), "P2": (20000000, 50000, 165), "R": (100000000, 25000, 430)}[kind]
    p = param[1:] if param.startswith("p") else "0"
    rb = param[2:] if param.startswith("rb") else ""
    win = ""
    pcaps = glob.glob(os.path.join(d, "*.pcap"))
    if kind == "R" and pcaps:
        t = subprocess.run(["tshark", "-r", pcaps[0], "-Y", "ip.src==10.198.9.2 && frame.time_relative>10", "-T",
                            "fields", "-e", "tcp.window_size"], capture_output=True, text=True).stdout.split()
        if t:
            win = Counter(t).most_common(1)[0][0]
    date = time.strftime("%Y-%m-%d", time.gmtime(os.path.getmtime(out)))
    dur = re.search(r"\(([\d.]+) s\)", open(out).read()).group(1)
    rows.append([scen, cc, p, rb, rate, delay, q, int(seed), date, kernel, dur, g.group(1), delta("TcpRetransSegs"),
                 delta("TcpExtTCPSackRecovery"), delta("TcpExtTCPTimeouts"), ab["loss_drops"], ab["data_pkts"], late, win])
rows.sort(key=lambda r: (r[0], r[1], float(r[2]), int(r[3] or 0), r[7]))
w.writerows(rows)
