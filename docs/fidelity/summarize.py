#!/usr/bin/env python3
"""summarize.py OUT FIDELITY_MD

Reads the sweeps docs/fidelity/regenerate wrote under OUT and the Linux rows of linux-6.18.csv beside
this script, and rewrites the tables between the '<!-- tcpsim:NAME -->' and '<!-- /tcpsim:NAME -->'
markers of FIDELITY_MD. tcpsim's goodput is each run's mean of the per-second goodput samples over
(10 s, end], as the rig measures Linux's over [10 s, end]; the table gives the mean of the seeds and a
95 % Student-t interval. Linux's figure is the median of its runs."""
import csv, glob, math, os, re, statistics as st, subprocess, sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
T95 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262, 10: 2.228,
       11: 2.201, 12: 2.179, 14: 2.145, 19: 2.093}


def ci95(v):
    if len(v) < 2:
        return 0.0
    return T95.get(len(v) - 1, 1.96) * st.stdev(v) / math.sqrt(len(v))


def tcpsim_runs(out, name, keys):
    """{key tuple: [goodput Mbit/s per seed]} and {key tuple: [run dirs]}."""
    rows = list(csv.DictReader(open(os.path.join(out, name, "summary.csv"))))
    g, dirs = defaultdict(list), defaultdict(list)
    for r in rows:
        d = os.path.join(out, name, r["run_id"])
        v = [float(x["value"]) for x in csv.DictReader(open(os.path.join(d, "timeseries.csv")))
             if x["metric"] == "bulk.0.goodput_bps" and float(x["t_s"]) > 10]
        k = tuple(r[c] for c in keys)
        g[k].append(st.mean(v) / 1e6)
        dirs[k].append(d)
    return g, dirs


def linux_rows():
    return list(csv.DictReader(open(os.path.join(HERE, "linux-6.18.csv"))))


def fmt(m, ci):
    return f"{m:.2f} ± {ci:.2f}" if m < 10 else f"{m:.1f} ± {ci:.1f}"


def err(sim, lin, digits=0):
    return f"{(sim / lin - 1) * 100:+.{digits}f} %"


def loss_table(out, name, scenario, ps):
    sim, _ = tcpsim_runs(out, name, ["congestion_control", "p"])
    lin = defaultdict(list)
    for r in linux_rows():
        if r["scenario"] == scenario:
            lin[(r["cc"], float(r["loss_p"]))].append(float(r["goodput_mbps"]))
    lines = ["| loss p | Linux reno (runs) | tcpsim reno (seeds) | error | Linux cubic (runs) | tcpsim cubic (seeds) | error"
             " | cubic/reno Linux | cubic/reno tcpsim |",
             "|---|---|---|---|---|---|---|---|---|"]
    for p in ps:
        cells, ratio = [f"{p:g}"], {}
        for cc in ("reno", "cubic"):
            l = lin[(cc, p)]
            s = next(v for k, v in sim.items() if k[0] == cc and float(k[1]) == p)
            lm, sm = st.median(l), st.mean(s)
            ratio[cc] = (lm, sm)
            cells += [f"{lm:.2f} ({len(l)})", f"{fmt(sm, ci95(s))} ({len(s)})", err(sm, lm)]
        cells += [f"{ratio['cubic'][0] / ratio['reno'][0]:.2f}", f"{ratio['cubic'][1] / ratio['reno'][1]:.2f}"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def receiver_window(pcap):
    """The window the receiver advertised most often after 10 s (bytes, scaled), as for Linux."""
    t = subprocess.run(["tshark", "-r", pcap, "-Y", "tcp.srcport == 5001 && frame.time_relative > 10", "-T", "fields",
                        "-e", "tcp.window_size"], capture_output=True, text=True).stdout.split()
    return int(Counter(t).most_common(1)[0][0]) if t else None


def rcvbuf_table(out, name, pcap_name):
    sim, _ = tcpsim_runs(out, name, ["SO_RCVBUF"])
    lin_g, lin_w = defaultdict(list), defaultdict(list)
    for r in linux_rows():
        if r["scenario"] == "rcvbuf-100M-50ms":
            lin_g[int(r["so_rcvbuf"])].append(float(r["goodput_mbps"]))
            if r["adv_window_bytes"]:
                lin_w[int(r["so_rcvbuf"])].append(int(r["adv_window_bytes"]))
    wins = {}
    for r in csv.DictReader(open(os.path.join(out, pcap_name, "summary.csv"))):
        wins[int(r["SO_RCVBUF"])] = receiver_window(os.path.join(out, pcap_name, r["run_id"], "pcap", "receiver.pcap"))
    lines = ["| SO_RCVBUF | Linux window (runs) | tcpsim window (seed 1) | error | Linux goodput (runs) | tcpsim goodput (seeds) | error |",
             "|---|---|---|---|---|---|---|"]
    for k in sorted(sim, key=lambda k: int(k[0])):
        rb = int(k[0])
        s, lg, lw = sim[k], lin_g[rb], lin_w[rb]
        w = wins.get(rb)
        lwm = st.median(lw)
        cells = [f"{rb // 1024} KiB", f"{lwm:.0f} ({len(lw)})", f"{w}" if w else "n/a", err(w, lwm, 1) if w else "n/a",
                 f"{st.median(lg):.2f} ({len(lg)})", f"{fmt(st.mean(s), ci95(s))} ({len(s)})", err(st.mean(s), st.median(lg))]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main():
    out, md = sys.argv[1], sys.argv[2]
    tables = {
        "loss": loss_table(out, "fid-loss", "loss-100M-50ms", [0.0001, 0.001, 0.01, 0.05]),
        "loss-p2": loss_table(out, "fid-loss-p2", "loss-20M-100ms", [0.001, 0.01, 0.05]),
        "rcvbuf": rcvbuf_table(out, "fid-rcvbuf", "fid-rcvbuf-pcap"),
    }
    text = open(md).read()
    for name, table in tables.items():
        text, n = re.subn(r"(<!-- tcpsim:%s -->\n).*?(<!-- /tcpsim:%s -->)" % (name, name),
                          lambda m: m.group(1) + table + "\n" + m.group(2), text, flags=re.S)
        if n != 1:
            sys.exit(f"summarize.py: {md}: no '<!-- tcpsim:{name} -->' ... '<!-- /tcpsim:{name} -->' block")
        print(table + "\n")
    open(md, "w").write(text)


if __name__ == "__main__":
    main()
