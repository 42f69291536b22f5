#!/usr/bin/python3
"""End-to-end training speed: Backprop against scikit-learn and PyTorch, in one run.

MNIST t10k from ../shared/data (first 8,000 images to train, last 2,000 to test), float32, Adam with
learning rate 1e-3, 10 epochs, two networks: 784-128-10 (ReLU, batch 64) and 784-512-512-10 (ReLU,
batch 256). Prints samples/s, test accuracy and Backprop's ratio to each peer, and Backprop's peak memory.

Peers come from Debian:  apt-get install -y python3-sklearn python3-torch libopenblas0-pthread
and this script runs with /usr/bin/python3. A peer that is not installed is skipped with a message.

    /usr/bin/python3 bench/compare.py [--epochs 10] [--repeat 3]

With --repeat N every tool runs N times and the median samples/s is reported with the range: on a shared
2-vCPU machine single runs vary by up to 2×.
"""
import argparse, gzip, json, os, resource, statistics, struct, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.environ.get("BACKPROP_DATA", os.path.join(ROOT, "..", "shared", "data"))
IMAGES = os.path.join(DATA, "mnist-t10k", "t10k-images-idx3-ubyte.gz")
LABELS = os.path.join(DATA, "mnist-t10k", "t10k-labels-idx1-ubyte.gz")
NETWORKS = [("784-128-10", [128], 64), ("784-512-512-10", [512, 512], 256)]
TRAIN = 8000


def backprop(hidden, batch, epochs):
    cli = os.path.join(ROOT, "src", "Backprop.Cli", "bin", "Release", "net10.0", "Backprop.Cli.dll")
    with tempfile.TemporaryDirectory() as folder:
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        out = subprocess.run(["dotnet", cli, "train", "--data", IMAGES, "--layers", ",".join(map(str, hidden)), "--activation", "relu",
                              "--optimizer", "adam", "--lr", "0.001", "--batch-size", str(batch), "--epochs", str(epochs),
                              "--validation-split", "0.2", "--precision", "float", "--quiet", "--json", "--out", os.path.join(folder, "m.json")],
                             check=True, capture_output=True, text=True).stdout
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = json.loads(out)
    return TRAIN * epochs / result["seconds"], result["validation"]["accuracy"], max(peak, before) / 1024


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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=1)
    arguments = parser.parse_args()
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
    print(f"{'network':<16} {'tool':<13} {'samples/s':>10} {'(min–max)':>17} {'test acc':>9} {'Backprop ÷ tool':>16}")

    def measure(run):
        results = [run() for _ in range(repeat)]
        rates = [r[0] for r in results]
        return statistics.median(rates), min(rates), max(rates), results[-1][1:]

    for label, hidden, batch in NETWORKS:
        ours, low, high, (accuracy, memory) = measure(lambda: backprop(hidden, batch, epochs))
        print(f"{label:<16} {'Backprop':<13} {ours:>10,.0f} {f'{low:,.0f}–{high:,.0f}':>17} {accuracy:>9.4f} {'':>16}   peak memory {memory:,.0f} MiB")
        for name, run in peers.items():
            rate, low, high, (acc,) = measure(lambda: run(data, hidden, batch, epochs))
            print(f"{label:<16} {name:<13} {rate:>10,.0f} {f'{low:,.0f}–{high:,.0f}':>17} {acc:>9.4f} {ours / rate:>15.2f}×")


if __name__ == "__main__":
    main()
