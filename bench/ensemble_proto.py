#!/usr/bin/python3
"""Prototype: does averaging K networks' predictions help? Trains M models per split with the plain command (seeds
s + 1000*j, j = 0..M-1, the same draws realdata.py --net-seeds uses), predicts the test rows with each, and scores
(a) each model alone (the mean over j = what realdata.py --net-seeds M reports) and (b) ensembles of K models (the
mean of the members' probabilities, or values for regression) over disjoint groups of j.

    /usr/bin/python3 bench/ensemble_proto.py --cli /tmp/ens-cli/Backprop.Cli.dll --sets sonar --models 6 --ks 3,5
"""
import argparse
import csv
import json
import math
import os
import statistics
import subprocess
import sys
import concurrent.futures as futures

sys.dont_write_bytecode = True
import realdata_sets as sets

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cli, split, seed, folder, extra):
    model = os.path.join(folder, "proto", f"{split.name}-s{split.seed}-r{seed}.json")
    preds = model[:-5] + ".csv"
    if os.path.exists(preds):
        return read_preds(preds)
    os.makedirs(os.path.dirname(model), exist_ok=True)
    subprocess.run(cli + ["train", "--data", split.train] + split.backprop_data() + ["--seed", str(seed)] + extra +
                   ["--out", model], check=True, capture_output=True, text=True)
    subprocess.run(cli + ["predict", "--model", model, "--data", split.test, "--out", preds + ".tmp"],
                   check=True, capture_output=True, text=True)
    os.replace(preds + ".tmp", preds)
    return read_preds(preds)


def read_preds(path):
    with open(path) as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def score(split, outputs, header):
    """outputs: list of rows of floats (probabilities or values); header: the prediction columns."""
    import pandas as pd
    truth = pd.read_csv(split.test, keep_default_na=True)[split.target]
    if split.task == "class":
        classes = [h[2:-1] for h in header[1:]]  # p(class)
        hits = sum(classes[max(range(len(r)), key=r.__getitem__)] == str(t) for r, t in zip(outputs, truth))
        return hits / len(truth)
    y = [float(t) for t in truth]
    p = [r[0] for r in outputs]
    mean = statistics.mean(y)
    return 1 - sum((a - b) ** 2 for a, b in zip(y, p)) / sum((a - mean) ** 2 for a in y)


def numbers(split, header, rows):
    start = 1 if split.task == "class" else 0
    return [[float(v) for v in r[start:]] for r in rows]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--cli", required=True)
    p.add_argument("--sets", default="sonar")
    p.add_argument("--seeds", type=int, default=5)
    p.add_argument("--models", type=int, default=6)
    p.add_argument("--ks", default="3,5")
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--backprop-args", default="")
    p.add_argument("--folder", default=os.path.join(ROOT, "bench", ".realdata"))
    a = p.parse_args()
    cli = ["dotnet", a.cli] if a.cli.endswith(".dll") else [a.cli]
    extra = a.backprop_args.split()
    ks = [int(k) for k in a.ks.split(",")]
    print("load before:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    for name in a.sets.split(","):
        splits = sets.splits(a.folder, name, a.seeds, False)
        single, ens, geo = [], {k: [] for k in ks}, {k: [] for k in ks}
        with futures.ThreadPoolExecutor(a.jobs) as pool:
            jobs = {(s.seed, j): pool.submit(run, cli, s, s.seed + 1000 * j, a.folder, extra)
                    for s in splits for j in range(a.models)}
            for s in splits:
                got = [jobs[(s.seed, j)].result() for j in range(a.models)]
                header = got[0][0]
                outs = [numbers(s, header, rows) for _, rows in got]
                single.append(statistics.mean(score(s, o, header) for o in outs))
                line = f"{name} split {s.seed}: single {single[-1]:.4f}"
                for k in ks:
                    groups = [outs[g * k:(g + 1) * k] for g in range(a.models // k)]
                    scores = [score(s, [[statistics.mean(m[i][c] for m in grp) for c in range(len(grp[0][0]))]
                                        for i in range(len(grp[0]))], header) for grp in groups]
                    ens[k].append(statistics.mean(scores))
                    line += f", K={k} {ens[k][-1]:.4f} ({len(groups)} groups)"
                    if s.task == "class":  # the mean of log-probabilities: the logits averaged (one wide network)
                        scores = [score(s, [[statistics.mean(math.log(max(m[i][c], 1e-300)) for m in grp)
                                             for c in range(len(grp[0][0]))] for i in range(len(grp[0]))], header)
                                  for grp in groups]
                        geo[k].append(statistics.mean(scores))
                        line += f" / logits {geo[k][-1]:.4f}"
                print(line, flush=True)
        line = f"{name}: single {statistics.mean(single):.3f} ± {statistics.stdev(single):.3f}"
        for k in ks:
            line += f"; K={k} {statistics.mean(ens[k]):.3f} ± {statistics.stdev(ens[k]):.3f}"
            if geo[k]:
                line += f" (logits {statistics.mean(geo[k]):.3f})"
        print(line, flush=True)
    print("load after:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())


if __name__ == "__main__":
    main()
