"""Benchmark of matching at seed, ×10 and province scale: scores and top-20, re-ranking, placement.

    python benchmarks/matching.py                                  # seed (5 runs) and x10 (1 run)
    python benchmarks/matching.py --scales seed,x10,province
    python benchmarks/matching.py --quick                          # a small smoke run

Each scale runs in a new process, so that its peak memory (`ru_maxrss`) is its own. The process generates
synthetic seekers, postings and trades (benchmarks/synthetic.py), then times, per run: `top_postings` with k=20
(the candidate edges), `congestion.rerank` to each seeker's top 5, the exact placement where its slot graph
has at most --exact-limit edges, and the auction placement always. The placement the service would run
(`place` with its default limit) is whichever of the two its EXACT_LIMIT picks, and "lists + placement" adds
it to the lists. `auction ÷ exact` is the auction's total over the optimum where both ran; `auction ÷ bound` is
its total over its own dual bound, a proven floor on that ratio where the exact method cannot run. Times are
medians over the runs. A second table gives the crowding of the top-5 lists before and after re-ranking.

Exits 1 when a result is wrong: a placement past a headcount or off the candidate edges, an auction total above
the exact one or below 0.99 of it, or re-ranking that did not lower the Gini coefficient.
"""
import argparse
import json
import resource
import statistics
import subprocess
import sys
import time

import numpy as np
import synthetic

from recruit.matching import congestion
from recruit.matching import placement
from recruit.matching import score

# name: (seekers, postings, runs)
SCALES = {
    "quick": (2_000, 100, 1),
    "seed": (15_600, 500, 5),
    "x10": (156_000, 5_000, 1),
    "province": (1_000_000, 50_000, 1),
}
CANDIDATES = 20
SHOWN = 5
TARGET_RATIO = 0.99


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - start, result


def placement_problems(plan, edges, capacity):
    """What is wrong with a placement, as sentences (none when it is sound)."""
    problems = []
    placed = np.flatnonzero(plan.choice >= 0)
    if (np.bincount(plan.choice[placed], minlength=len(capacity)) > capacity).any():
        problems.append(f"{plan.method}: a posting past its headcount")
    width = len(capacity)
    if not np.isin(placed * width + plan.choice[placed], edges.seeker * width + edges.posting).all():
        problems.append(f"{plan.method}: a seeker placed off their candidates")
    return problems


def one_run(seekers, postings, trades, exact_limit):
    figures, problems = {}, []
    figures["score"], edges = timed(score.top_postings, seekers, postings, trades, k=CANDIDATES)
    capacity = postings.capacity
    figures["rerank"], shown = timed(congestion.rerank, edges.seeker, edges.posting, edges.score, capacity, SHOWN)
    plain = congestion.rerank(edges.seeker, edges.posting, edges.score, capacity, SHOWN, rounds=0)
    graph = placement.candidate_graph(len(seekers), edges.seeker, edges.posting, edges.score, capacity)
    figures["edges"], figures["slot_edges"] = len(edges), placement.slot_edges(graph)
    if figures["slot_edges"] <= exact_limit:
        exact = placement.place(len(seekers), edges.seeker, edges.posting, edges.score, capacity,
                                exact_limit=exact_limit)
        figures["exact"], figures["exact_total"] = exact.seconds, exact.total
        problems += placement_problems(exact, edges, capacity)
    auction = placement.place(len(seekers), edges.seeker, edges.posting, edges.score, capacity, exact_limit=-1)
    figures["auction"], figures["auction_total"], figures["bound"] = auction.seconds, auction.total, auction.bound
    problems += placement_problems(auction, edges, capacity)
    default = "exact" if figures["slot_edges"] <= placement.EXACT_LIMIT else "auction"
    figures["default"] = default
    figures["lists"] = figures["score"] + figures["rerank"]
    figures["pipeline"] = figures["lists"] + figures[default]
    for name, lists in (("before", plain), ("after", shown)):
        report = congestion.load_report(lists[1], capacity)
        figures[f"gini_{name}"], figures[f"never_{name}"] = report["gini"], report["never_share"]
        figures[f"mean_{name}"] = float(np.mean(lists[2])) if len(lists[2]) else 0.0
    return figures, problems


def worker(name, exact_limit):
    """Measure one scale and print its figures as one line of JSON."""
    n_seekers, n_postings, runs = SCALES[name]
    generate, (seekers, postings, trades) = timed(synthetic.tables, n_seekers, n_postings)
    runs_figures, problems = [], []
    for _ in range(runs):
        figures, wrong = one_run(seekers, postings, trades, exact_limit)
        runs_figures.append(figures)
        problems += wrong
    merged = {key: statistics.median(run[key] for run in runs_figures) if isinstance(value, float) else value
              for key, value in runs_figures[0].items()}
    merged.update(scale=name, seekers=n_seekers, postings=n_postings, runs=runs, generate=generate,
                  peak_mib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, problems=sorted(set(problems)))
    print(json.dumps(merged))


def measure(name, exact_limit):
    command = [sys.executable, __file__, "--worker", name, "--exact-limit", str(exact_limit)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.stderr.write(done.stderr)
        return {"scale": name, "problems": [f"the {name} run failed (exit {done.returncode})"]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def seconds(figures, key):
    return f"{figures[key]:.2f}" if key in figures else "—"


def ratio(figures, key):
    return f"{figures['auction_total'] / figures[key]:.4f}" if figures.get(key) else "—"


def print_tables(results):
    print("| scale | seekers | postings | runs | candidate edges | slot edges | score + top-20 s | rerank s "
          "| exact s | auction s | lists + placement s | peak RSS MiB | auction ÷ exact | auction ÷ bound |")
    print("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for f in results:
        if "edges" not in f:
            continue
        print(f"| {f['scale']} | {f['seekers']:,} | {f['postings']:,} | {f['runs']} | {f['edges']:,} "
              f"| {f['slot_edges']:,} | {seconds(f, 'score')} | {seconds(f, 'rerank')} | {seconds(f, 'exact')} "
              f"| {seconds(f, 'auction')} | {f['pipeline']:.2f} ({f['default']}) | {f['peak_mib']:,.0f} "
              f"| {ratio(f, 'exact_total')} | {ratio(f, 'bound')} |")
    print()
    print("| scale | Gini before | Gini after | never shown before | never shown after | mean shown score before "
          "| mean shown score after |")
    print("|---|--:|--:|--:|--:|--:|--:|")
    for f in results:
        if "edges" not in f:
            continue
        print(f"| {f['scale']} | {f['gini_before']:.3f} | {f['gini_after']:.3f} | {f['never_before']:.1%} "
              f"| {f['never_after']:.1%} | {f['mean_before']:.1f} | {f['mean_after']:.1f} |")


def verdict(figures):
    """Problems with one scale's results, beyond the placements' own."""
    problems = list(figures.get("problems", []))
    if "edges" in figures:
        if figures.get("exact_total") and figures["auction_total"] > figures["exact_total"] * (1 + 1e-9):
            problems.append(f"{figures['scale']}: the auction beat the exact optimum")
        if figures.get("exact_total") and figures["auction_total"] < TARGET_RATIO * figures["exact_total"]:
            problems.append(f"{figures['scale']}: the auction reached less than {TARGET_RATIO} of the optimum")
        if figures["gini_after"] >= figures["gini_before"]:
            problems.append(f"{figures['scale']}: re-ranking did not lower the Gini coefficient")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="seed,x10", help="comma-separated: " + ", ".join(SCALES))
    parser.add_argument("--quick", action="store_true", help="one small run, for smoke testing")
    parser.add_argument("--exact-limit", type=int, default=30_000_000,
                        help="run the exact placement up to this many slot edges")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.exact_limit)
        return
    names = ["quick"] if args.quick else [name.strip() for name in args.scales.split(",")]
    unknown = [name for name in names if name not in SCALES]
    if unknown:
        parser.error(f"unknown scales: {', '.join(unknown)}")
    results = [measure(name, args.exact_limit) for name in names]
    print_tables(results)
    problems = [problem for figures in results for problem in verdict(figures)]
    for problem in problems:
        print(problem)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
