#!/usr/bin/env python3
"""Markdown table of a compare.sh run: etcd and Cairn side by side, Cairn's advantage, issue 9's targets.

  summarize.py OUT/results.txt > OUT/table.md

Figures are medians over the repetitions. "x" is Cairn's advantage, > 1 when Cairn is better:
Cairn/etcd for rates, etcd/Cairn for latencies, memory, sizes and times. A row is "met" when every
target of that row holds; "verified" means every run of the row on both servers had all requests
succeed (and, for writes, exactly one new revision per request; for watches, every event seen).
"""
import statistics
import sys
from collections import OrderedDict, defaultdict

NAMES = {"range1": "Range 1 key", "range100": "Range 100 keys", "put16": "Put 16 B", "put1k": "Put 1 KiB",
         "txn-cas": "CAS Txn"}


def parse(path):
    rows = []
    for line in open(path):
        if line.startswith("RESULT "):
            rows.append(dict(tok.partition("=")[::2] for tok in line.split()[1:]))
    return rows


def num(x):
    try:
        return float(x)
    except (TypeError, ValueError):
        return float("nan")


def med(values):
    values = [v for v in values if v == v]
    return statistics.median(values) if values else float("nan")


def fmt(x, nd=0):
    return "-" if x != x else f"{x:,.{nd}f}"


def adv(cairn, etcd, higher_is_better=True):
    if cairn != cairn or etcd != etcd or cairn == 0 or etcd == 0:
        return float("nan")
    return cairn / etcd if higher_is_better else etcd / cairn


def check(results):
    """'met' when every (value, bound) holds, 'MISS' otherwise."""
    return "met" if all(v == v and v >= bound for v, bound in results) else "**MISS**"


def by(rows, test, *keys):
    groups = OrderedDict()
    for r in rows:
        if r.get("test") == test:
            groups.setdefault(tuple(r.get(k) for k in keys), []).append(r)
    return groups


def unary_table(rows, fsync_ceiling):
    out = ["| unary | in flight | etcd req/s | Cairn req/s | x | etcd p50 ms | Cairn p50 ms | etcd p99 ms "
           "| Cairn p99 ms | p99 x | target | | verified |",
           "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|"]
    groups = by(rows, "unary", "name", "conc")
    for name, conc in OrderedDict.fromkeys((n, c) for n, c in groups):
        runs = {s: [r for r in groups[(name, conc)] if r["server"] == s] for s in ("etcd", "cairn")}
        fig = {s: {k: med([num(r[k]) for r in rs]) for k in ("rps", "p50_ms", "p99_ms")} for s, rs in runs.items()}
        ok = all(r["failed"] == "0" and r["non2xx"] == "0" and r["ok"] == r["requests"]
                 and int(r["rev_delta"]) == (int(r["requests"]) if r["writes"] == "1" else 0)
                 for rs in runs.values() for r in rs) and all(runs.values())
        x = adv(fig["cairn"]["rps"], fig["etcd"]["rps"])
        x99 = adv(fig["cairn"]["p99_ms"], fig["etcd"]["p99_ms"], higher_is_better=False)
        c = int(conc)
        if name in ("range1", "range100"):
            need = 2 if c == 1 else 3
            target, status = f">= {need}x, p99 <= etcd", check([(x, need), (x99, 1)])
        elif name in ("put16", "put1k") and c == 1:
            share = fig["cairn"]["rps"] / fsync_ceiling if fsync_ceiling == fsync_ceiling else float("nan")
            target = f">= 90% of fsync ceiling ({fmt(100 * share)}% now), >= etcd"
            status = check([(share, 0.9), (x, 1)])
        elif name in ("put16", "put1k"):
            target, status = ">= 2x", check([(x, 2)])
        else:
            target, status = ">= 5x", check([(x, 5)])
        reps = min(len(rs) for rs in runs.values())
        out.append(f"| {NAMES.get(name, name)} | {c} | {fmt(fig['etcd']['rps'])} | {fmt(fig['cairn']['rps'])} | "
                   f"{fmt(x, 2)} | {fmt(fig['etcd']['p50_ms'], 2)} | {fmt(fig['cairn']['p50_ms'], 2)} | "
                   f"{fmt(fig['etcd']['p99_ms'], 2)} | {fmt(fig['cairn']['p99_ms'], 2)} | {fmt(x99, 2)} | "
                   f"{target} | {status} | {'yes' if ok else 'NO'} ({reps}) |")
    return out


def watch_table(rows):
    out = ["| watch: watchers | puts | etcd p50 ms | Cairn p50 ms | etcd p99 ms | Cairn p99 ms | p99 x "
           "| etcd events/s | Cairn events/s | events/s x | target | | all events | cores: client/server (etcd; Cairn) |",
           "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|---|"]
    groups = by(rows, "watch", "watchers")
    for (w,), rs in sorted(groups.items(), key=lambda kv: int(kv[0][0])):
        fig = {s: {k: med([num(r[k]) for r in rs if r["server"] == s]) for k in ("rate", "p50_ms", "p99_ms")}
               for s in ("etcd", "cairn")}
        x99 = adv(fig["cairn"]["p99_ms"], fig["etcd"]["p99_ms"], higher_is_better=False)
        xr = adv(fig["cairn"]["rate"], fig["etcd"]["rate"])
        ok = all(r["errors"] == "0" for r in rs)
        out.append(f"| {int(w):,} | {rs[0]['puts']} | {fmt(fig['etcd']['p50_ms'], 2)} | {fmt(fig['cairn']['p50_ms'], 2)} | "
                   f"{fmt(fig['etcd']['p99_ms'], 2)} | {fmt(fig['cairn']['p99_ms'], 2)} | {fmt(x99, 2)} | "
                   f"{fmt(fig['etcd']['rate'])} | {fmt(fig['cairn']['rate'])} | {fmt(xr, 2)} | "
                   f">= 2x both | {check([(x99, 2), (xr, 2)])} | {'yes' if ok else 'NO'} | {cores(rs)} |")
    return out


def cores(rs):
    """Median CPU of cairnctl and of the server during the runs, in cores, per server."""
    part = []
    for s in ("etcd", "cairn"):
        c, v = (med([num(r.get(k)) for r in rs if r["server"] == s]) for k in ("client_cpu", "server_cpu"))
        part.append(f"{fmt(c, 2)}/{fmt(v, 2)}")
    return "; ".join(part)


def other_table(rows):
    out = ["| other | etcd | Cairn | x | target | |", "|---|---:|---:|---:|---|---|"]
    for (leases,), rs in by(rows, "lease", "leases").items():
        e, c = (med([num(r["rate"]) for r in rs if r["server"] == s]) for s in ("etcd", "cairn"))
        errors = sum(int(r["errors"]) for r in rs)
        x = adv(c, e)
        out.append(f"| lease keep-alives/s, {int(leases):,} leases{'' if not errors else f' ({errors} errors)'}, "
                   f"cores client/server (etcd; Cairn) {cores(rs)} | {fmt(e)} | {fmt(c)} | {fmt(x, 2)} | >= 2x | "
                   f"{check([(x, 2)])} |")
    for (keys,), rs in by(rows, "mem", "keys").items():
        get = {s: next((r for r in rs if r["server"] == s), {}) for s in ("etcd", "cairn")}
        n = f"{int(keys):,} keys of 100 B"
        e, c = num(get["etcd"].get("rss_mib")), num(get["cairn"].get("rss_mib"))
        x = adv(c, e, higher_is_better=False)
        out.append(f"| RSS MiB after loading {n} | {fmt(e, 1)} | {fmt(c, 1)} | {fmt(x, 2)} | <= half | "
                   f"{check([(x, 2)])} |")
        e, c = num(get["etcd"].get("hwm_mib")), num(get["cairn"].get("hwm_mib"))
        out.append(f"| peak RSS MiB while loading | {fmt(e, 1)} | {fmt(c, 1)} | {fmt(adv(c, e, False), 2)} | | |")
        e, c = (num(get[s].get("dir_bytes")) / 2**20 for s in ("etcd", "cairn"))
        out.append(f"| data directory MiB on disk | {fmt(e, 1)} | {fmt(c, 1)} | {fmt(adv(c, e, False), 2)} | | |")
        e, c = num(get["etcd"].get("load_s")), num(get["cairn"].get("load_s"))
        out.append(f"| load time s (Txn of 100 Puts, 8 in flight, Python client) | {fmt(e, 1)} | {fmt(c, 1)} | "
                   f"{fmt(adv(c, e, False), 2)} | | |")
    for (keys,), rs in by(rows, "startup", "keys").items():
        e, c = (med([num(r["first_request_s"]) for r in rs if r["server"] == s]) for s in ("etcd", "cairn"))
        out.append(f"| restart to first answered Range s, {int(keys):,} keys | {fmt(e, 2)} | {fmt(c, 2)} | "
                   f"{fmt(adv(c, e, False), 2)} | < 1 s | {check([(1 - c, 1e-9)])} |")
        e, c = (med([num(r["rss_mib"]) for r in rs if r["server"] == s]) for s in ("etcd", "cairn"))
        out.append(f"| RSS MiB 2 s after that restart | {fmt(e, 1)} | {fmt(c, 1)} | {fmt(adv(c, e, False), 2)} | | |")
    return out


def limits(rows):
    out = []
    fs = defaultdict(list)
    for r in rows:
        if r.get("test") == "fsync":
            fs[r["pattern"]].append(r)
    ceiling = max((med([num(r["ops_per_s"]) for r in rs]) for rs in fs.values()), default=float("nan"))
    parts = [f"{p} {fmt(med([num(r['ops_per_s']) for r in rs]))}/s (p50 {fmt(med([num(r['p50_ms']) for r in rs]), 3)} ms, "
             f"p99 {fmt(med([num(r['p99_ms']) for r in rs]), 3)} ms)" for p, rs in fs.items()]
    if parts:
        out.append("Machine ceilings: write+fdatasync of 64 B on the data directories' disk: " + "; ".join(parts) + ".")
    ng = by(rows, "nghttpd", "conc")
    if ng:
        out.append("h2load against a no-op nghttpd, same settings: " + "; ".join(
            f"{c} in flight {fmt(med([num(r['rps']) for r in rs]))} req/s" for (c,), rs in ng.items()) + ".")
    return out, ceiling


def main():
    rows = parse(sys.argv[1])
    meta = next((r for r in rows if r.get("test") == "meta"), {})
    end = next((r for r in rows if r.get("test") == "meta-end"), {})
    notes, ceiling = limits(rows)
    out = [f"Run {meta.get('date')} to {end.get('date_end', '?')} UTC, {'--quick, ' if meta.get('quick') == '1' else ''}"
           f"median of {meta.get('reps')} repetition(s); {meta.get('nproc')} cores ({meta.get('cpu', '?').replace('_', ' ')}), "
           f"load average {meta.get('load_start')} at the start, {end.get('load_end', '?')} at the end; "
           f"Cairn {meta.get('commit')}, etcd {meta.get('etcd')}. x = Cairn's advantage (> 1: Cairn better).", ""]
    cpu = {s: med([num(r.get("cpu_other")) for r in rows if r.get("test") == "unary" and r.get("server") == s])
           for s in ("etcd", "cairn")}
    for part in (unary_table(rows, ceiling), watch_table(rows), other_table(rows)):
        if len(part) > 2:
            out += part + [""]
    out += notes
    if cpu["etcd"] == cpu["etcd"]:
        out.append(f"Other processes used a median {fmt(cpu['etcd'], 2)} (etcd runs) and {fmt(cpu['cairn'], 2)} "
                   f"(Cairn runs) of the {meta.get('nproc')} cores during the unary runs.")
    print("\n".join(out))


if __name__ == "__main__":
    main()
