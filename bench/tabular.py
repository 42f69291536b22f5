#!/usr/bin/python3
"""Backprop's CLI against pandas + scikit-learn and pandas + PyTorch on a covertype-sized table: whole-process seconds and peak
memory, with the machine's load average.

    /usr/bin/python3 bench/tabular.py                 # 200,000 rows x 54 numeric features + a 7-class text column
    /usr/bin/python3 bench/tabular.py --rows 2000000  # the 2,000,000-row version (about 860 MiB)
    /usr/bin/python3 bench/tabular.py --big           # the same, Backprop under a 512 MiB .NET heap (see --heap-limit)
    /usr/bin/python3 bench/tabular.py --big --heap-limit 0x20000000 --rounds 1

The table is generated once (seeded) into --folder and reused. Each round runs, taking turns: Backprop train,
scikit-learn train, PyTorch train, Backprop predict, scikit-learn predict, PyTorch predict, each as its own process
under GNU time (elapsed seconds, peak resident memory), then Backprop's forward kernel on a 1024³ float product
(bench/Backprop.Benchmarks quick), for the FLOP target. The same network for all: 256-128 ReLU, Adam (lr 0.001,
scikit-learn's default), batch 256, 5 epochs, standardised inputs; Backprop and PyTorch train in float32 (PyTorch on
two threads), scikit-learn in its float64 default (bench/tabular_peers.py holds the peers). Validation accuracy is
measured on the same last 10% of the rows. Needs python3-pandas, python3-sklearn and the `time` package; PyTorch's
row needs python3-torch and is skipped with a message without it. Builds the CLI and the benchmarks in Release first
unless --no-build.

Each round prints the load average before and after it, and the cores other processes used meanwhile; the summary
prints the targets of issue 26 as met or not, with the ratios, and calls no time target met on a loaded machine (load
average above --max-load 1.5 before the first round, or other processes using more than --max-others 0.25 cores in a
round) unless --allow-loaded (then they are marked LOADED): see bench/loadguard.py.

--heap-limit runs Backprop's train and predict with DOTNET_GCHeapHardLimit set to it (bytes, hex allowed): the
runtime then reports that as the memory the process may use, and train's default --memory-budget is half of it, so a
table whose encoded rows exceed it trains from a memory-mapped row cache on disk (written beside the model, deleted
afterwards). --big sets it to 512 MiB unless given. Peak memory is GNU time's maximum resident set size, which counts
the pages of the cache the process has touched (file-backed pages the kernel may drop, not heap).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

import loadguard

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLASSES = ["Spruce/Fir", "Lodgepole Pine", "Ponderosa Pine", "Cottonwood/Willow", "Aspen", "Douglas-fir", "Krummholz"]


def generate(path, rows, seed=12):
    """54 numeric columns of several scales, and a class that a small network of them decides, with noise."""
    import numpy as np
    import pandas as pd
    rng = np.random.default_rng(seed)
    features = 54
    scales = rng.choice([1.0, 10.0, 100.0, 1000.0], size=features)
    offsets = rng.normal(0, 3, size=features) * scales
    w1 = rng.normal(0, 1 / np.sqrt(features), size=(features, 32))
    w2 = rng.normal(0, 1.2, size=(32, len(CLASSES)))
    tmp = path + ".tmp"
    with open(tmp, "w", newline="\n") as f:
        first = True
        for start in range(0, rows, 100_000):
            n = min(100_000, rows - start)
            z = rng.normal(size=(n, features))
            logits = np.tanh(z @ w1) @ w2 + rng.gumbel(size=(n, len(CLASSES))) * 0.9
            label = np.array(CLASSES)[logits.argmax(axis=1)]
            frame = pd.DataFrame(z * scales + offsets, columns=[f"f{j + 1}" for j in range(features)])
            frame["cover"] = label
            frame.to_csv(f, index=False, header=first, float_format="%.6g", lineterminator="\n")
            first = False
    os.replace(tmp, path)


def timed(command, env=None):
    """Runs command under GNU time: (seconds, peak MiB, standard output)."""
    stats = command_file = os.path.join(ARGS.folder, "time.txt")
    command = [str(c) for c in command]
    result = subprocess.run(["/usr/bin/time", "-o", stats, "-f", "%e %M"] + command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr}")
    with open(command_file) as f:
        seconds, kib = f.read().split()[-2:]
    return float(seconds), int(kib) / 1024, result.stdout


TOOLS = {"bp": "Backprop", "sk": "scikit-learn", "pt": "PyTorch"}
DEBIAN = {"sk": "python3-sklearn", "pt": "python3-torch"}


def available(module):
    """Whether the Python running this script can import module (without importing it)."""
    import importlib.util
    return importlib.util.find_spec(module) is not None


def forward_gflops(dll):
    """GFLOP/s of Backprop's forward kernel on a 1024³ float product (the best of five timings, bench/Backprop.Benchmarks)."""
    out = subprocess.run(["dotnet", dll, "quick", "1024x1024x1024", "forward"], check=True, capture_output=True, text=True).stdout
    return max(float(line.split()[-2]) for line in out.splitlines() if line.startswith("1024x1024x1024"))


def flops_per_sample(widths):
    """Forward, gradient and error products of every layer, 2·inputs·outputs multiply-adds each, as issue 26 counts them."""
    return 6 * sum(a * b for a, b in zip(widths, widths[1:]))


def main():
    global ARGS
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--big", action="store_true", help="2,000,000 rows")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--folder", default="/tmp/backprop-tabular")
    parser.add_argument("--init", default=None, help="pass --init to Backprop (default: its own default)")
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--skip-sklearn", action="store_true")
    parser.add_argument("--skip-torch", action="store_true")
    parser.add_argument("--no-kernel", action="store_true", help="do not time the forward kernel (no FLOP target)")
    parser.add_argument("--heap-limit", default=None, help="DOTNET_GCHeapHardLimit for Backprop's processes, e.g. 0x20000000 (512 MiB); --big's default")
    loadguard.add_arguments(parser)
    ARGS = parser.parse_args()
    rows = 2_000_000 if ARGS.big else ARGS.rows
    if ARGS.big and ARGS.heap_limit is None:
        ARGS.heap_limit = "0x20000000"
    bp_env = dict(os.environ, DOTNET_GCHeapHardLimit=ARGS.heap_limit) if ARGS.heap_limit else None
    peers = []
    for key, module, skip in (("sk", "sklearn", ARGS.skip_sklearn), ("pt", "torch", ARGS.skip_torch)):
        if skip:
            continue
        if available(module):
            peers.append(key)
        else:
            print(f"{TOOLS[key]} is not installed for {sys.executable}: its row is skipped (on Debian: apt-get install -y {DEBIAN[key]})")
    os.makedirs(ARGS.folder, exist_ok=True)
    data = os.path.join(ARGS.folder, f"cover-{rows}.csv")
    if not os.path.exists(data):
        print(f"generating {data} ...", flush=True)
        generate(data, rows)
    size = os.path.getsize(data) / 2**20
    with open(data) as f:
        features = len(f.readline().split(",")) - 1
    bench = os.path.join(ROOT, "bench", "Backprop.Benchmarks")
    if not ARGS.no_build:
        for project in [os.path.join(ROOT, "src/Backprop.Cli")] + ([] if ARGS.no_kernel else [bench]):
            subprocess.run(["dotnet", "build", "-c", "Release", "-v", "q", "--nologo", project], check=True, stdout=subprocess.DEVNULL)
    cli = os.path.join(ROOT, "src/Backprop.Cli/bin/Release/net10.0/Backprop.Cli")
    kernel_dll = os.path.join(bench, "bin", "Release", "net10.0", "Backprop.Benchmarks.dll")
    if not ARGS.no_kernel and not os.path.exists(kernel_dll):
        print(f"{kernel_dll} is not built: the FLOP target is not measured (drop --no-build, or --no-kernel)")
        ARGS.no_kernel = True
    peer_script = os.path.join(ROOT, "bench", "tabular_peers.py")
    model = {"bp": os.path.join(ARGS.folder, "model.json"), "sk": os.path.join(ARGS.folder, "model.pickle"),
             "pt": os.path.join(ARGS.folder, "model.pt")}
    out = {key: os.path.join(ARGS.folder, f"{key}-predictions.csv") for key in TOOLS}
    peer_module = {"sk": "sklearn", "pt": "torch"}
    train = [cli, "train", "--data", data, "--target", "cover", "--layers", "256,128", "--optimizer", "adam", "--lr", "0.001",
             "--batch-size", "256", "--epochs", "5", "--precision", "float", "--standardize", "--validation-split", "0.1",
             "--out", model["bp"], "--json"] + (["--init", ARGS.init] if ARGS.init else [])
    predict = [cli, "predict", "--model", model["bp"], "--data", data, "--out", out["bp"]]
    tools = ["bp"] + peers
    results = {f"{k} {step}": [] for step in ["train", "predict"] for k in tools}
    accuracy, loop = {k: [] for k in tools}, {k: [] for k in tools}
    gflops = []
    guard = loadguard.LoadGuard(ARGS)
    for round in range(ARGS.rounds):
        with guard.round(round + 1) as this:
            s, m, text = timed(train, bp_env)
            results["bp train"].append((s, m))
            report = json.loads(text)
            accuracy["bp"].append(report["validation"]["accuracy"])
            loop["bp"].append(report["seconds"])
            for key in peers:
                s, m, text = timed([sys.executable, peer_script, peer_module[key], "train", data, model[key]])
                results[f"{key} train"].append((s, m))
                report = json.loads(text.strip().splitlines()[-1])
                accuracy[key].append(report["accuracy"])
                loop[key].append(report["fit"])
            results["bp predict"].append(timed(predict, bp_env)[:2])
            for key in peers:
                results[f"{key} predict"].append(timed([sys.executable, peer_script, peer_module[key], "predict", data, model[key], out[key]])[:2])
            if not ARGS.no_kernel:
                gflops.append(forward_gflops(kernel_dll))
        kernel = f", forward kernel {gflops[-1]:.0f} GFLOP/s" if gflops else ""
        print(f"round {round + 1}: " + ", ".join(f"{k} {v[-1][0]:.2f} s {v[-1][1]:.0f} MiB" for k, v in results.items()) + kernel, flush=True)
        print(f"         {this.text()}", flush=True)
    summarise(rows, size, features, tools, results, accuracy, loop, gflops, guard)


def summarise(rows, size, features, tools, results, accuracy, loop, gflops, guard):
    def best(values, low=True):
        return (min(values) if low else max(values)), statistics.median(values)

    def pair(values, unit, digits=2):
        b, m = best(values)
        return f"{b:,.{digits}f} {unit} ({m:,.{digits}f})"

    limit = f"; Backprop under DOTNET_GCHeapHardLimit={ARGS.heap_limit} ({int(ARGS.heap_limit, 0) / 2**20:.0f} MiB)" if ARGS.heap_limit else ""
    print(f"\n{rows:,} rows, {size:.0f} MiB CSV, {ARGS.rounds} rounds taking turns; best (median) of the rounds{limit}")
    print(guard.summary())
    peers = tools[1:]
    print("| step | " + " | ".join(TOOLS[k] for k in tools) + " | " + " | ".join(f"Backprop ÷ {TOOLS[k]}" for k in peers) + " |")
    print("|---" + "|---:" * (len(tools) + len(peers)) + "|")

    def ratio(key, step, index):
        ours, theirs = [r[index] for r in results[f"bp {step}"]], [r[index] for r in results[f"{key} {step}"]]
        return best(theirs)[0] / best(ours)[0], best(theirs)[1] / best(ours)[1]

    for step, what in [("train", "`train`, whole process"), ("predict", "`predict` + write the CSV, whole process")]:
        cells = [pair([r[0] for r in results[f"{k} {step}"]], "s") for k in tools]
        ratios = ["{:.2f}× faster ({:.2f}×)".format(*ratio(k, step, 0)) for k in peers]
        print(f"| {what} | " + " | ".join(cells + ratios) + " |")
    cells = [pair(loop[k], "s") for k in tools]
    ratios = [f"{best(loop[k])[0] / best(loop['bp'])[0]:.2f}× ({best(loop[k])[1] / best(loop['bp'])[1]:.2f}×)" for k in peers]
    print("| training loop (Backprop's --json seconds, the peers' fit) | " + " | ".join(cells + ratios) + " |")
    for step in ["train", "predict"]:
        cells = [pair([r[1] for r in results[f"{k} {step}"]], "MiB", 0) for k in tools]
        ratios = [f"{1 / ratio(k, step, 1)[0]:.2f}×" for k in peers]
        print(f"| peak memory, {step} | " + " | ".join(cells + ratios) + " |")
    cells = [f"{max(accuracy[k]):.3f}" for k in tools]
    print("| validation accuracy, last 10% | " + " | ".join(cells + [f"{100 * (max(accuracy['bp']) - max(accuracy[k])):+.1f} points" for k in peers]) + " |")

    checks = []
    if "sk" in tools:
        train, train_median = ratio("sk", "train", 0)
        predict, predict_median = ratio("sk", "predict", 0)
        memory = {step: (best([r[1] for r in results[f"bp {step}"]])[0], best([r[1] for r in results[f"sk {step}"]])[0]) for step in ["train", "predict"]}
        ours, theirs = max(accuracy["bp"]), max(accuracy["sk"])
        checks += [
            ("`train`, whole process, at least 2× pandas + scikit-learn", train >= 2, f"{train:.2f}× ({train_median:.2f}×)"),
            ("`predict` + CSV, whole process, at least 3× pandas + scikit-learn", predict >= 3, f"{predict:.2f}× ({predict_median:.2f}×)"),
            ("peak memory of train at most scikit-learn's", memory["train"][0] <= memory["train"][1],
             f"{memory['train'][0]:.0f} vs {memory['train'][1]:.0f} MiB", False),
            ("peak memory of predict at most scikit-learn's", memory["predict"][0] <= memory["predict"][1],
             f"{memory['predict'][0]:.0f} vs {memory['predict'][1]:.0f} MiB", False),
            ("validation accuracy within one point of scikit-learn's", ours >= theirs - 0.01, f"{ours:.3f} vs {theirs:.3f}", False),
        ]
    if gflops:
        samples = rows - round(rows * 0.1)
        flops = 5 * samples * flops_per_sample([features, 256, 128, len(CLASSES)])
        rate, rate_median = best(gflops, low=False)
        limit, limit_median = flops / (rate * 1e9), flops / (rate_median * 1e9)
        ours, ours_median = best(loop["bp"])
        checks.append(("training loop within 2× of its FLOPs at the forward kernel's GFLOP/s", ours <= 2 * limit,
                       f"{ours:.2f} s = {ours / limit:.2f}× of {flops:.3g} FLOPs at {rate:.0f} GFLOP/s ({limit:.2f} s); "
                       f"median {ours_median:.2f} s = {ours_median / limit_median:.2f}× at {rate_median:.0f}"))
    if checks:
        guard.print_targets(checks)


if __name__ == "__main__":
    main()
