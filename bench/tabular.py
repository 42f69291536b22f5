#!/usr/bin/python3
"""Backprop's CLI against pandas + scikit-learn on a covertype-sized table: whole-process seconds and peak memory.

    /usr/bin/python3 bench/tabular.py                 # 200,000 rows x 54 numeric features + a 7-class text column
    /usr/bin/python3 bench/tabular.py --rows 2000000  # the 2,000,000-row version (about 860 MiB)
    /usr/bin/python3 bench/tabular.py --big           # the same, Backprop under a 512 MiB .NET heap (see --heap-limit)
    /usr/bin/python3 bench/tabular.py --big --heap-limit 0x20000000 --rounds 1

The table is generated once (seeded) into --folder and reused. Each round runs, taking turns: Backprop train,
scikit-learn train, Backprop predict, scikit-learn predict, each as its own process under GNU time (elapsed seconds,
peak resident memory). The same network for both: 256-128 ReLU, Adam (lr 0.001, scikit-learn's default), batch 256,
5 epochs, standardised inputs; Backprop trains in float (the precision scikit-learn's MLP keeps for float32 data is
float64, the default). Validation accuracy is measured on the same last 10% of the rows. Needs python3-pandas,
python3-sklearn and the `time` package; builds the CLI in Release first unless --no-build.

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
import textwrap

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


SKLEARN_TRAIN = textwrap.dedent("""
    import pickle, sys
    import pandas as pd
    from sklearn.neural_network import MLPClassifier
    from sklearn.preprocessing import StandardScaler
    data, model = sys.argv[1], sys.argv[2]
    frame = pd.read_csv(data)
    y = frame.pop("cover").to_numpy()
    x = frame.to_numpy()
    n = int(len(x) * 0.9)
    scaler = StandardScaler().fit(x[:n])
    net = MLPClassifier(hidden_layer_sizes=(256, 128), solver="adam", batch_size=256, max_iter=5, random_state=1)
    import warnings; warnings.simplefilter("ignore")
    net.fit(scaler.transform(x[:n]), y[:n])
    accuracy = net.score(scaler.transform(x[n:]), y[n:])
    with open(model, "wb") as f: pickle.dump((scaler, net), f)
    print(accuracy)
""")

SKLEARN_PREDICT = textwrap.dedent("""
    import pickle, sys
    import pandas as pd
    data, model, out = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(model, "rb") as f: scaler, net = pickle.load(f)
    frame = pd.read_csv(data)
    frame.pop("cover")
    p = net.predict_proba(scaler.transform(frame.to_numpy()))
    result = pd.DataFrame(p, columns=[f"p({c})" for c in net.classes_])
    result.insert(0, "cover", net.classes_[p.argmax(axis=1)])
    result.to_csv(out, index=False)
""")


def timed(command, env=None):
    """Runs command under GNU time: (seconds, peak MiB, standard output)."""
    stats = command_file = os.path.join(ARGS.folder, "time.txt")
    result = subprocess.run(["/usr/bin/time", "-o", stats, "-f", "%e %M"] + command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr}")
    with open(command_file) as f:
        seconds, kib = f.read().split()[-2:]
    return float(seconds), int(kib) / 1024, result.stdout


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
    parser.add_argument("--heap-limit", default=None, help="DOTNET_GCHeapHardLimit for Backprop's processes, e.g. 0x20000000 (512 MiB); --big's default")
    ARGS = parser.parse_args()
    rows = 2_000_000 if ARGS.big else ARGS.rows
    if ARGS.big and ARGS.heap_limit is None:
        ARGS.heap_limit = "0x20000000"
    bp_env = dict(os.environ, DOTNET_GCHeapHardLimit=ARGS.heap_limit) if ARGS.heap_limit else None
    os.makedirs(ARGS.folder, exist_ok=True)
    data = os.path.join(ARGS.folder, f"cover-{rows}.csv")
    if not os.path.exists(data):
        print(f"generating {data} ...", flush=True)
        generate(data, rows)
    size = os.path.getsize(data) / 2**20
    if not ARGS.no_build:
        subprocess.run(["dotnet", "build", "-c", "Release", "-v", "q", "--nologo", os.path.join(ROOT, "src/Backprop.Cli")], check=True, stdout=subprocess.DEVNULL)
    cli = os.path.join(ROOT, "src/Backprop.Cli/bin/Release/net10.0/Backprop.Cli")
    model = os.path.join(ARGS.folder, "model.json")
    pickle = os.path.join(ARGS.folder, "model.pickle")
    train_py = os.path.join(ARGS.folder, "sk_train.py")
    predict_py = os.path.join(ARGS.folder, "sk_predict.py")
    with open(train_py, "w") as f: f.write(SKLEARN_TRAIN)
    with open(predict_py, "w") as f: f.write(SKLEARN_PREDICT)
    train = [cli, "train", "--data", data, "--target", "cover", "--layers", "256,128", "--optimizer", "adam", "--lr", "0.001",
             "--batch-size", "256", "--epochs", "5", "--precision", "float", "--standardize", "--validation-split", "0.1",
             "--out", model, "--json"] + (["--init", ARGS.init] if ARGS.init else [])
    predict = [cli, "predict", "--model", model, "--data", data, "--out", os.path.join(ARGS.folder, "bp-predictions.csv")]
    results = {k: [] for k in ["bp train", "sk train", "bp predict", "sk predict"]}
    accuracy = {"bp": [], "sk": []}
    for round in range(ARGS.rounds):
        s, m, out = timed(train, bp_env)
        results["bp train"].append((s, m))
        accuracy["bp"].append(json.loads(out)["validation"]["accuracy"])
        if not ARGS.skip_sklearn:
            s, m, out = timed(["/usr/bin/python3", train_py, data, pickle])
            results["sk train"].append((s, m))
            accuracy["sk"].append(float(out.strip()))
        results["bp predict"].append(timed(predict, bp_env)[:2])
        if not ARGS.skip_sklearn:
            results["sk predict"].append(timed(["/usr/bin/python3", predict_py, data, pickle, os.path.join(ARGS.folder, "sk-predictions.csv")])[:2])
        print(f"round {round + 1}: " + ", ".join(f"{k} {v[-1][0]:.2f} s {v[-1][1]:.0f} MiB" for k, v in results.items() if v), flush=True)

    limit = f"; Backprop under DOTNET_GCHeapHardLimit={ARGS.heap_limit} ({int(ARGS.heap_limit, 0) / 2**20:.0f} MiB)" if ARGS.heap_limit else ""
    print(f"\n{rows:,} rows, {size:.0f} MiB CSV, {ARGS.rounds} rounds taking turns; best (median) of the rounds{limit}")
    print("| step | Backprop | scikit-learn | ratio |")
    print("|---|---:|---:|---:|")

    def cell(key, index):
        v = [r[index] for r in results[key]]
        return (min(v), statistics.median(v)) if v else (float("nan"), float("nan"))

    for step in ["train", "predict"]:
        bs, bsm = cell(f"bp {step}", 0)
        ss, ssm = cell(f"sk {step}", 0)
        print(f"| `{step}`, whole process | {bs:.2f} s ({bsm:.2f}) | {ss:.2f} s ({ssm:.2f}) | {ss / bs:.2f}× faster |")
    for step in ["train", "predict"]:
        bm, _ = cell(f"bp {step}", 1)
        sm, _ = cell(f"sk {step}", 1)
        print(f"| peak memory, {step} | {bm:.0f} MiB | {sm:.0f} MiB | {bm / sm:.2f}× |")
    if accuracy["bp"]:
        sk = f"{max(accuracy['sk']):.3f}" if accuracy["sk"] else "-"
        print(f"| validation accuracy (last 10%) | {max(accuracy['bp']):.3f} | {sk} | |")
    if not ARGS.skip_sklearn and results["sk train"]:
        # Issue 12's targets, best against best.
        train_ratio = cell("sk train", 0)[0] / cell("bp train", 0)[0]
        predict_ratio = cell("sk predict", 0)[0] / cell("bp predict", 0)[0]
        checks = [
            ("train, whole process, at least 2x faster", train_ratio >= 2, f"{train_ratio:.2f}x"),
            ("predict + CSV, whole process, at least 3x faster", predict_ratio >= 3, f"{predict_ratio:.2f}x"),
            ("peak memory of train at most scikit-learn's", cell("bp train", 1)[0] <= cell("sk train", 1)[0], f"{cell('bp train', 1)[0]:.0f} vs {cell('sk train', 1)[0]:.0f} MiB"),
            ("peak memory of predict at most scikit-learn's", cell("bp predict", 1)[0] <= cell("sk predict", 1)[0], f"{cell('bp predict', 1)[0]:.0f} vs {cell('sk predict', 1)[0]:.0f} MiB"),
            ("validation accuracy within one point", max(accuracy["bp"]) >= max(accuracy["sk"]) - 0.01, f"{max(accuracy['bp']):.3f} vs {max(accuracy['sk']):.3f}"),
        ]
        print("\ntargets:")
        for what, met, value in checks:
            print(f"  {'met    ' if met else 'NOT MET'}  {what}: {value}")


if __name__ == "__main__":
    main()
