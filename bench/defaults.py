#!/usr/bin/python3
"""Which defaults give the best accuracy? Measures Backprop's validation accuracy for each choice of one setting
(the weight initialisation by default) across the UCI sets in ../shared/data, MNIST and the covertype-sized table of
bench/tabular.py, with several seeds, beside scikit-learn's MLPClassifier with its own defaults on the same rows.

    /usr/bin/python3 bench/defaults.py                       # --init he, he-uniform, glorot, lecun (ReLU networks)
    /usr/bin/python3 bench/defaults.py --sets iris,wine --seeds 10
    /usr/bin/python3 bench/defaults.py --setting optimizer   # the out-of-the-box optimiser: gd (lr 0.01) or adam (lr 0.001)

Every run of one data set uses the same recipe (layers, optimiser, epochs, batch, preprocessing) and the same
seeds, so the choices are compared on the same splits (each seed shuffles the rows before the split). Prints one
table: mean validation accuracy (± standard deviation over the seeds) per data set and choice, and the mean rank of
each choice. scikit-learn's column is its MLPClassifier (Glorot-uniform weights and biases, Adam, lr 0.001) with the
same hidden layers, learning rate, epochs and batch size, on standardised rows split with the same fraction by its
own train_test_split with the same seeds (so its splits are not Backprop's). Needs python3-sklearn and python3-pandas;
builds the CLI in Release first unless --no-build.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "..", "shared", "data")
CLI = os.path.join(ROOT, "src/Backprop.Cli/bin/Release/net10.0/Backprop.Cli")

# name: (data arguments, recipe arguments, validation fraction, seeds to use at most)
SETS = {
    "iris": (["--data", f"{DATA}/uci/iris.csv", "--target", "species", "--standardize"],
             ["--layers", "16", "--optimizer", "adam", "--lr", "0.01", "--epochs", "100", "--batch-size", "16"], 0.3, 99),
    "wine": (["--data", f"{DATA}/uci/wine.csv", "--target", "cultivar", "--standardize"],
             ["--layers", "16", "--optimizer", "adam", "--lr", "0.01", "--epochs", "100", "--batch-size", "16"], 0.3, 99),
    "admissions": (["--data", f"{DATA}/admissions/binary.csv", "--target", "admit", "--classify", "--one-hot", "rank",
                    "--standardize", "gre,gpa"],
                   ["--layers", "8", "--optimizer", "adam", "--lr", "0.01", "--epochs", "50", "--batch-size", "16"], 0.3, 99),
    "digits8x8": (["--data", f"{DATA}/uci/digits_8x8.csv", "--target", "digit", "--classify", "--standardize"],
                  ["--layers", "64", "--optimizer", "adam", "--lr", "0.001", "--epochs", "30", "--batch-size", "32"], 0.3, 99),
    "mnist": (["--data", f"{DATA}/mnist-t10k/t10k-images-idx3-ubyte.gz", "--precision", "float"],
              ["--layers", "128", "--optimizer", "adam", "--lr", "0.001", "--epochs", "5", "--batch-size", "64"], 0.2, 3),
    "cover": (["--data", "/tmp/backprop-tabular/cover-200000.csv", "--target", "cover", "--standardize", "--precision", "float"],
              ["--layers", "256,128", "--optimizer", "adam", "--lr", "0.001", "--epochs", "5", "--batch-size", "256"], 0.1, 3),
}

CHOICES = {
    "init": [["--init", "he"], ["--init", "he-uniform"], ["--init", "glorot"], ["--init", "lecun"]],
    # Out of the box: only the data, the layers and the epochs given; the optimiser and its learning rate vary.
    # L2 of 0 (Backprop's default) against scikit-learn's alpha = 1e-4, with Glorot weights.
    "l2": [["--init", "glorot", "--l2", "0"], ["--init", "glorot", "--l2", "0.0001"], ["--init", "glorot", "--l2", "0.001"]],
    "optimizer": [["--optimizer", "gd", "--lr", "0.01"], ["--optimizer", "adam", "--lr", "0.001"]],
}


def backprop(data_args, recipe, fraction, seed, choice, setting, folder):
    if setting == "optimizer":  # drop the recipe's optimiser and learning rate
        recipe = [a for i, a in enumerate(recipe) if not (a in ("--optimizer", "--lr") or (i > 0 and recipe[i - 1] in ("--optimizer", "--lr")))]
    out = os.path.join(folder, "defaults-model.json")
    command = [CLI, "train"] + data_args + recipe + choice + ["--validation-split", str(fraction), "--shuffle",
                                                              "--seed", str(seed), "--out", out, "--json", "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr}")
    return json.loads(result.stdout)["validation"]["accuracy"]


def load(name):
    """The set as numpy arrays (x, y) for scikit-learn."""
    import numpy as np
    import pandas as pd
    data_args = SETS[name][0]
    path = data_args[1]
    if name == "mnist":
        import gzip
        with gzip.open(path) as f:
            x = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784).astype(np.float32) / 255
        with gzip.open(path.replace("images-idx3", "labels-idx1")) as f:
            y = np.frombuffer(f.read(), np.uint8, offset=8)
        return x, y
    frame = pd.read_csv(path)
    target = data_args[data_args.index("--target") + 1]
    y = frame.pop(target).to_numpy()
    if "--one-hot" in data_args:
        frame = pd.get_dummies(frame, columns=[data_args[data_args.index("--one-hot") + 1]], dtype=float)
    return frame.to_numpy(dtype=float), y


def sklearn(name, seed):
    import warnings
    from sklearn.model_selection import train_test_split
    from sklearn.neural_network import MLPClassifier
    from sklearn.preprocessing import StandardScaler
    warnings.simplefilter("ignore")
    _, recipe, fraction, _ = SETS[name]
    get = lambda option: recipe[recipe.index(option) + 1]
    x, y = load(name)
    xt, xv, yt, yv = train_test_split(x, y, test_size=fraction, random_state=seed)
    if name != "mnist":
        scaler = StandardScaler().fit(xt)
        xt, xv = scaler.transform(xt), scaler.transform(xv)
    net = MLPClassifier(hidden_layer_sizes=tuple(int(w) for w in get("--layers").split(",")), learning_rate_init=float(get("--lr")),
                        max_iter=int(get("--epochs")), batch_size=int(get("--batch-size")), random_state=seed)
    return net.fit(xt, yt).score(xv, yv)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--setting", choices=sorted(CHOICES), default="init")
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--folder", default="/tmp/backprop-defaults")
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--skip-sklearn", action="store_true")
    args = parser.parse_args()
    os.makedirs(args.folder, exist_ok=True)
    names = args.sets.split(",")
    if "cover" in names and not os.path.exists(SETS["cover"][0][1]):
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import tabular
        os.makedirs(os.path.dirname(SETS["cover"][0][1]), exist_ok=True)
        tabular.generate(SETS["cover"][0][1], 200_000)
    if not args.no_build:
        subprocess.run(["dotnet", "build", "-c", "Release", "-v", "q", "--nologo", os.path.join(ROOT, "src/Backprop.Cli")],
                       check=True, stdout=subprocess.DEVNULL)
    choices = CHOICES[args.setting]
    labels = [" ".join(c[1::2]) for c in choices] + ([] if args.skip_sklearn or args.setting != "init" else ["scikit-learn"])
    table = {}
    for name in names:
        data_args, recipe, fraction, most = SETS[name]
        seeds = range(1, min(args.seeds, most) + 1)
        for label, choice in zip(labels, choices + [None]):
            table[name, label] = [backprop(data_args, recipe, fraction, s, choice, args.setting, args.folder) if choice else sklearn(name, s)
                                  for s in seeds]
            scores = table[name, label]
            print(f"{name:11} {label:14} {statistics.mean(scores):.4f} ± {statistics.pstdev(scores):.4f}  {scores}", flush=True)

    print(f"\nvalidation accuracy, mean ± sd over seeds ({args.setting})")
    print("| data set | " + " | ".join(labels) + " |")
    print("|---|" + "---:|" * len(labels))
    ranks = {label: [] for label in labels}
    for name in names:
        means = [statistics.mean(table[name, label]) for label in labels]
        order = sorted(means, reverse=True)
        for label, m in zip(labels, means):
            ranks[label].append(order.index(m) + 1)
        cells = [f"{statistics.mean(table[name, l]):.3f} ± {statistics.pstdev(table[name, l]):.3f}" for l in labels]
        print(f"| {name} | " + " | ".join(cells) + " |")
    print("| mean rank | " + " | ".join(f"{statistics.mean(ranks[l]):.2f}" for l in labels) + " |")


if __name__ == "__main__":
    main()
