#!/usr/bin/python3
"""End-to-end training speed: Backprop against scikit-learn and PyTorch, in one run.

MNIST t10k from ../shared/data (first 8,000 images to train, last 2,000 to test), float32, Adam with
learning rate 1e-3, 10 epochs, two networks: 784-128-10 (ReLU, batch 64) and 784-512-512-10 (ReLU,
batch 256). Prints samples/s, test accuracy and Backprop's ratio to each peer, and Backprop's peak memory.
Backprop's time is its training loop's (its --json "seconds"): the held-out 2,000 images are measured once,
after the last epoch (--validation-freq 10), as the peers measure them once after training; its test accuracy
is measured again after training, outside the time, as the peers' is. Then the 1024×1024×1024 float matrix
product: Backprop's forward kernel (bench/Backprop.Benchmarks quick) against numpy's, which calls OpenBLAS.

Peers come from Debian:  apt-get install -y python3-sklearn python3-torch libopenblas0-pthread
and this script runs with /usr/bin/python3. A peer that is not installed is skipped with a message.

    /usr/bin/python3 bench/compare.py [--epochs 10] [--repeat 5] [--no-kernels]

With --repeat N every tool runs N times, the tools taking turns so that a slow spell of the shared machine falls on
all of them; the best and the median samples/s are printed and the ratios are of the best runs (other work on a
shared 2-vCPU machine only ever slows a run down, by up to 2×).

Each round prints the load average before and after it and the cores other processes used meanwhile, and the run ends
with issue 26's targets (784-128-10 batch 64 at least 3× scikit-learn, 784-512-512-10 batch 256 at least 2×, test
accuracy within one point, each kernel at least 90% of OpenBLAS) as met or not with the ratios; none is called met
on a loaded machine (load average above --max-load 1.5 before the first round, or other processes using more than
--max-others 0.25 cores in a round) unless --allow-loaded (then marked LOADED). See bench/loadguard.py.
"""
import argparse, gzip, json, os, statistics, struct, subprocess, sys, tempfile, time

import loadguard

TARGETS = {"784-128-10": 3.0, "784-512-512-10": 2.0}

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.environ.get("BACKPROP_DATA", os.path.join(ROOT, "..", "shared", "data"))
IMAGES = os.path.join(DATA, "mnist-t10k", "t10k-images-idx3-ubyte.gz")
LABELS = os.path.join(DATA, "mnist-t10k", "t10k-labels-idx1-ubyte.gz")
NETWORKS = [("784-128-10", [128], 64), ("784-512-512-10", [512, 512], 256)]
TRAIN = 8000


def backprop(hidden, batch, epochs):
    """Samples/s, held-out accuracy and peak resident memory (MiB, from GNU time) of one training run of the CLI."""
    cli = os.path.join(ROOT, "src", "Backprop.Cli", "bin", "Release", "net10.0", "Backprop.Cli.dll")
    with tempfile.TemporaryDirectory() as folder:
        run = subprocess.run(["/usr/bin/time", "-f", "%M", "dotnet", cli, "train", "--data", IMAGES, "--layers", ",".join(map(str, hidden)),
                              "--activation", "relu", "--optimizer", "adam", "--lr", "0.001", "--batch-size", str(batch), "--epochs", str(epochs),
                              "--validation-split", "0.2", "--validation-freq", str(epochs), "--precision", "float", "--quiet", "--json",
                              "--out", os.path.join(folder, "m.json")],
                             check=True, capture_output=True, text=True)
    result = json.loads(run.stdout)
    peak_kib = int(run.stderr.strip().splitlines()[-1])
    return TRAIN * epochs / result["seconds"], result["validation"]["accuracy"], peak_kib / 1024


def load():
    import numpy as np
    with gzip.open(IMAGES) as f:
        _, n, rows, cols = struct.unpack(">IIII", f.read(16))
        x = np.frombuffer(f.read(), dtype=np.uint8).reshape(n, rows * cols).astype(np.float32) / 255
    with gzip.open(LABELS) as f:
        f.read(8)
        y = np.frombuffer(f.read(), dtype=np.uint8).astype(np.int64)
    return x[:TRAIN], y[:TRAIN], x[TRAIN:], y[TRAIN:]


def sklearn_run(data, hidden, batch, epochs):
    from sklearn.neural_network import MLPClassifier
    import warnings
    x, y, xt, yt = data
    model = MLPClassifier(hidden_layer_sizes=tuple(hidden), activation="relu", solver="adam", learning_rate_init=1e-3,
                          batch_size=batch, max_iter=epochs, tol=0, n_iter_no_change=epochs + 1, random_state=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        model.fit(x, y)
        seconds = time.perf_counter() - start
    return TRAIN * epochs / seconds, model.score(xt, yt)


def torch_run(data, hidden, batch, epochs):
    import torch
    torch.manual_seed(1)
    torch.set_num_threads(os.cpu_count())
    x, y, xt, yt = (torch.from_numpy(a) for a in data)
    layers, width = [], 784
    for h in hidden:
        layers += [torch.nn.Linear(width, h), torch.nn.ReLU()]
        width = h
    model = torch.nn.Sequential(*layers, torch.nn.Linear(width, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss = torch.nn.CrossEntropyLoss()
    start = time.perf_counter()
    for _ in range(epochs):
        order = torch.randperm(len(x))
        for i in range(0, len(x), batch):
            index = order[i:i + batch]
            optimizer.zero_grad()
            loss(model(x[index]), y[index]).backward()
            optimizer.step()
    seconds = time.perf_counter() - start
    with torch.no_grad():
        accuracy = (model(xt).argmax(1) == yt).float().mean().item()
    return TRAIN * epochs / seconds, accuracy


def kernels(rounds, guard):
    """GFLOP/s of a 1024³ float product: Backprop's three kernels (bench/Backprop.Benchmarks quick, itself the best of five
    timings) and numpy's a @ b.T (OpenBLAS sgemm, best of five sets of ten), taking turns; the best of all rounds."""
    project = os.path.join(ROOT, "bench", "Backprop.Benchmarks")
    subprocess.run(["dotnet", "build", "-c", "Release", "-v", "q", project], check=True, capture_output=True)
    dll = os.path.join(project, "bin", "Release", "net10.0", "Backprop.Benchmarks.dll")
    try:
        import numpy as np
        a = np.random.default_rng(1).random((1024, 1024), dtype=np.float32)
        b = np.random.default_rng(2).random((1024, 1024), dtype=np.float32)
    except ImportError:
        np = None
    ours, blas = {}, None
    for number in range(rounds):
        with guard.round(number + 1) as this:
            out = subprocess.run(["dotnet", dll, "quick", "1024x1024x1024"], check=True, capture_output=True, text=True).stdout
            for line in out.splitlines():
                if line.startswith("1024x1024x1024") and "reference" not in line:
                    name, rate = line.split()[1], float(line.split()[-2])
                    ours[name] = max(ours.get(name, 0.0), rate)
            if np is not None:
                for _ in range(5):
                    start = time.perf_counter()
                    for _ in range(10):
                        a @ b.T
                    blas = max(blas or 0.0, 10 * 2 * 1024 ** 3 / (time.perf_counter() - start) / 1e9)
        print(f"  kernels, round {number + 1}: {this.text()}", flush=True)
    return ours, blas


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5, help="rounds; the tools take turns in each (default 5, about five minutes)")
    parser.add_argument("--kernels", action=argparse.BooleanOptionalAction, default=True, help="also compare the 1024³ matrix product with OpenBLAS")
    loadguard.add_arguments(parser)
    arguments = parser.parse_args()
    guard = loadguard.LoadGuard(arguments)
    checks = []
    epochs, repeat = arguments.epochs, max(1, arguments.repeat)
    subprocess.run(["dotnet", "build", "-c", "Release", "-v", "q", os.path.join(ROOT, "src", "Backprop.Cli")], check=True, capture_output=True)
    peers = {}
    try:
        data = load()
    except ImportError:
        data = None
        print("numpy is missing: peers skipped (apt-get install -y python3-sklearn python3-torch libopenblas0-pthread)")
    for name, run in (("scikit-learn", sklearn_run), ("PyTorch", torch_run)):
        try:
            if data is not None:
                __import__("sklearn" if name == "scikit-learn" else "torch")
                peers[name] = run
        except ImportError:
            print(f"{name} is not installed: skipped (apt-get install -y python3-sklearn python3-torch libopenblas0-pthread)")
    print(f"{os.cpu_count()} cores; MNIST t10k, {TRAIN} training images, 2000 test images; float32, Adam lr 1e-3, {epochs} epochs")
    print(f"{repeat} round(s), the tools taking turns within each round; best and median samples/s of each tool, and Backprop's ratios")
    print(f"{'network':<16} {'tool':<13} {'best':>10} {'median':>10} {'test acc':>9} {'÷ tool (best)':>14} {'(median)':>9}")

    for label, hidden, batch in NETWORKS:
        tools = {"Backprop": lambda: backprop(hidden, batch, epochs)}
        tools.update({name: (lambda run=run: run(data, hidden, batch, epochs)) for name, run in peers.items()})
        results = {name: [] for name in tools}
        for number in range(repeat):
            with guard.round(number + 1) as this:
                for name, run in tools.items():
                    results[name].append(run())
            print(f"  {label}, round {number + 1}: {this.text()}", flush=True)
        ours = max(r[0] for r in results["Backprop"])
        ours_median = statistics.median(r[0] for r in results["Backprop"])
        for name, runs in results.items():
            rates = [r[0] for r in runs]
            best, median, accuracy = max(rates), statistics.median(rates), runs[-1][1]
            if name == "Backprop":
                memory = max(r[2] for r in runs)
                print(f"{label:<16} {name:<13} {best:>10,.0f} {median:>10,.0f} {accuracy:>9.4f} {'':>14} {'':>9}   peak memory {memory:,.0f} MiB")
            else:
                print(f"{label:<16} {name:<13} {best:>10,.0f} {median:>10,.0f} {accuracy:>9.4f} {ours / best:>13.2f}× {ours_median / median:>8.2f}×")
        if "scikit-learn" in results:
            target, theirs = TARGETS[label], results["scikit-learn"]
            ratio = ours / max(r[0] for r in theirs)
            ratio_median = ours_median / statistics.median(r[0] for r in theirs)
            checks.append((f"{label} batch {batch} at least {target:g}× scikit-learn", ratio >= target, f"{ratio:.2f}× ({ratio_median:.2f}×)"))
            ours_accuracy, their_accuracy = results["Backprop"][-1][1], theirs[-1][1]
            checks.append((f"{label} test accuracy within one point of scikit-learn's", ours_accuracy >= their_accuracy - 0.01,
                           f"{ours_accuracy:.4f} vs {their_accuracy:.4f}", False))

    if arguments.kernels:
        ours, blas = kernels(repeat, guard)
        print(f"1024×1024×1024 float product, GFLOP/s (best of {repeat} round(s), taking turns):")
        for name, rate in ours.items():
            print(f"  Backprop {name:<10} {rate:>7.1f}" + (f"   {100 * rate / blas:.0f}% of OpenBLAS" if blas else ""))
            if blas:
                checks.append((f"{name} kernel at 1024³ at least 90% of OpenBLAS", rate >= 0.9 * blas, f"{100 * rate / blas:.0f}%"))
        print(f"  numpy/OpenBLAS a @ b.T {blas:>7.1f}" if blas else "  numpy is missing: OpenBLAS not measured")

    print(guard.summary())
    if checks:
        guard.print_targets(checks)


if __name__ == "__main__":
    main()
