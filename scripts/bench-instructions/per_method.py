#!/usr/bin/env python3
"""Per-method split of callgrind's per-instruction counts of the JIT's code (used by ./per-method).

  per_method.py split DIR KEY [ROOT]   the 2-4 s window of DIR's two runs, per packet-hop, one row per method
  per_method.py compare A.txt B.txt N  two splits side by side, largest differences first

KEY root: the compiled method, with everything C2 inlined into it (exact). KEY inner: the innermost inlined
method of each instruction, from the nearest PC record after it (approximate: C2 gives nodes it commoned the
debug info of the place they were first parsed, so a cold method can show cost). ROOT keeps only the code of
compiled methods whose name contains it.
"""
import bisect, collections, signal, sys

def load_map(path):
    meths, dyn = [], []
    cur = None
    for line in open(path, errors='replace'):
        p = line.split()
        if not p:
            continue
        if p[0] == 'M':
            cur = [int(p[1], 16), int(p[1], 16) + int(p[2], 16), p[3], [], len(meths)]
            meths.append(cur)
        elif p[0] == 'P' and cur is not None:
            cur[3].append((int(p[1], 16), [f.split('@')[0] for f in p[2:]]))
        elif p[0] == 'D':
            dyn.append((int(p[1], 16), int(p[1], 16) + int(p[2], 16), 'stub:' + ' '.join(p[3:])))
    meths.sort(key=lambda m: (m[0], m[4]))
    for m in meths:
        m[3].sort(key=lambda r: r[0])
    return meths, sorted(dyn)

def method_at(meths, starts, a):
    # code the JIT freed may be reused: of the methods covering a, the one loaded last
    best = None
    for j in range(bisect.bisect_right(starts, a) - 1, -1, -1):
        m = meths[j]
        if a < m[1] and (best is None or m[4] > best[4]):
            best = m
        if a - m[0] > 1 << 20:
            break
    return best

def self_costs(path):
    """(function, instruction address) -> Ir Dr Dw I1mr D1mr D1mw DLmr DLmw, calls' inclusive lines left out."""
    costs = collections.defaultdict(lambda: [0] * 8)
    fn, skip = '?', False
    for line in open(path, errors='replace'):
        if line.startswith('fn='):
            fn = line[3:].strip()
        elif line.startswith('calls='):
            skip = True
        elif line[:2] == '0x':
            if skip:
                skip = False
                continue
            p = line.split()
            v = costs[(fn, int(p[0], 16))]
            for k, x in enumerate(p[1:7] + p[8:10]):  # ILmr (p[7]) left out
                v[k] += int(x)
    return costs

def split_run(cg, mp, key, root):
    meths, dyn = load_map(mp)
    starts, dstarts = [m[0] for m in meths], [d[0] for d in dyn]
    out = collections.defaultdict(lambda: [0] * 8)
    for (fn, a), v in self_costs(cg).items():
        m = method_at(meths, starts, a)
        if root and (m is None or root not in m[2]):
            continue
        if m is not None:
            name = m[2]
            if key == 'inner':
                j = bisect.bisect_right(m[3], a, key=lambda r: r[0])  # the first record after a (Python 3.10+)
                name = m[3][j][1][0] if j < len(m[3]) else m[2]
        else:
            i = bisect.bisect_right(dstarts, a) - 1
            name = dyn[i][2] if i >= 0 and a < dyn[i][1] else 'native:' + fn
        o = out[name]
        for k in range(8):
            o[k] += v[k]
    return out

def split(d, key, root):
    a = split_run(f'{d}/cg2-02', f'{d}/map2', key, root)
    b = split_run(f'{d}/cg4-02', f'{d}/map4', key, root)
    hops = int(open(f'{d}/packets4').read()) - int(open(f'{d}/packets2').read())
    rows = []
    for n in set(a) | set(b):
        rows.append(([(b[n][k] - a[n][k]) / hops for k in range(8)], n))
    rows.sort(key=lambda r: -r[0][0])
    print(f"{'Ir':>8} {'Dr':>7} {'Dw':>7} {'I1mr':>6} {'D1mr':>6} {'D1mw':>6} {'DLmr':>6} {'DLmw':>6}  method (key {key};"
          f" per packet-hop, main thread, simulated 2-4 s; total Ir {sum(r[0][0] for r in rows):.1f},"
          f" DLmr {sum(r[0][6] for r in rows):.2f})")
    for c, n in rows:
        print(f"{c[0]:8.1f} {c[1]:7.1f} {c[2]:7.1f} {c[3]:6.2f} {c[4]:6.2f} {c[5]:6.2f} {c[6]:6.2f} {c[7]:6.2f}  {n}")

def compare(fa, fb, n):
    def rd(p):
        d = {}
        for line in open(p).readlines()[1:]:
            x = line.split()
            name = next(i for i, v in enumerate(x) if not v.replace('.', '', 1).lstrip('-').isdigit())
            d[x[name]] = (float(x[0]), float(x[3]))  # 6 count columns before session 10, 8 since
        return d
    a, b = rd(fa), rd(fb)
    rows = sorted(((b.get(k, (0, 0))[0] - a.get(k, (0, 0))[0], k) for k in set(a) | set(b)), key=lambda r: -abs(r[0]))
    print(f"{'B-A Ir':>8} {'A Ir':>8} {'B Ir':>8} {'A I1mr':>7} {'B I1mr':>7}  method")
    for d, k in rows[:n]:
        print(f"{d:8.1f} {a.get(k, (0, 0))[0]:8.1f} {b.get(k, (0, 0))[0]:8.1f} {a.get(k, (0, 0))[1]:7.2f} "
              f"{b.get(k, (0, 0))[1]:7.2f}  {k}")

if __name__ == '__main__':
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # | head
    if sys.argv[1] == 'split':
        split(sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else None)
    else:
        compare(sys.argv[2], sys.argv[3], int(sys.argv[4]))
