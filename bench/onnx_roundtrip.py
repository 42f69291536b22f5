#!/usr/bin/python3
"""A manual round trip: a real PyTorch MLP, exported by torch.onnx.export, imported by `backprop import`.

Trains nn.Sequential(Flatten, Linear(4, 16), ReLU, Linear(16, 8), Tanh, Linear(8, 8), LeakyReLU(0.01), Linear(8, 3),
Softmax) on iris for 300 full-batch Adam steps, exports it (opset 14, batch dimension "N"), checks the file with
onnx.checker, then runs `backprop import` on it and `backprop predict`, `explain` and `gradcheck` on the imported model,
and compares predict's numbers with PyTorch's outputs on all 150 rows.

Peers come from Debian:  apt-get install -y python3-torch python3-onnx
and this script runs with /usr/bin/python3:

    /usr/bin/python3 bench/onnx_roundtrip.py [--keep DIR]

The CLI is run as `dotnet run --project src/Backprop.Cli --`, or as the command in $BACKPROP_CLI when set.
"""
import argparse, csv, os, shlex, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.environ.get("BACKPROP_DATA", os.path.join(ROOT, "..", "shared", "data"))
IRIS = os.path.join(DATA, "uci", "iris.csv")


def backprop(*args):
    command = shlex.split(os.environ.get("BACKPROP_CLI", f"dotnet run --project {ROOT}/src/Backprop.Cli --"))
    result = subprocess.run(command + list(args), capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"backprop {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", help="write the files to this folder and keep them")
    options = parser.parse_args()
    try:
        import torch
        import onnx
    except ImportError as missing:
        sys.exit(f"{missing.name} is not installed: apt-get install -y python3-torch python3-onnx")

    with open(IRIS) as f:
        rows = list(csv.reader(f))[1:]
    species = sorted({r[4] for r in rows})
    x = torch.tensor([[float(v) for v in r[:4]] for r in rows])
    y = torch.tensor([species.index(r[4]) for r in rows])

    torch.manual_seed(0)
    net = torch.nn.Sequential(
        torch.nn.Flatten(), torch.nn.Linear(4, 16), torch.nn.ReLU(), torch.nn.Linear(16, 8), torch.nn.Tanh(),
        torch.nn.Linear(8, 8), torch.nn.LeakyReLU(0.01), torch.nn.Linear(8, 3), torch.nn.Softmax(dim=1))
    optimiser = torch.optim.Adam(net.parameters(), lr=0.01)
    for _ in range(300):
        optimiser.zero_grad()
        loss = torch.nn.functional.nll_loss(torch.log(net(x)), y)
        loss.backward()
        optimiser.step()
    net.eval()
    with torch.no_grad():
        expected = net(x)
    accuracy = (expected.argmax(1) == y).float().mean().item()
    print(f"torch {torch.__version__}, onnx {onnx.__version__}: trained, loss {loss.item():.4f}, accuracy {accuracy:.3f}")

    folder = options.keep or tempfile.mkdtemp(prefix="onnx-roundtrip-")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "torch_mlp.onnx")
    torch.onnx.export(net, x[:1], path, input_names=["x"], output_names=["y"],
                      dynamic_axes={"x": {0: "N"}, "y": {0: "N"}}, opset_version=14)
    model = onnx.load(path)
    onnx.checker.check_model(model)
    print(f"exported {path}: opset {model.opset_import[0].version}, nodes " + " ".join(n.op_type for n in model.graph.node))

    # The importer names the features after the input, x0 … x3, and the outputs after the output, y0 … y2.
    data = os.path.join(folder, "iris_xy.csv")
    with open(data, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow([f"x{i}" for i in range(4)] + [f"y{k}" for k in range(3)])
        for r, label in zip(rows, y.tolist()):
            w.writerow(r[:4] + [1 if k == label else 0 for k in range(3)])

    imported = os.path.join(folder, "torch_mlp.json")
    print(backprop("import", "--format", "onnx", path, "--out", imported).strip())
    predicted = os.path.join(folder, "predicted.csv")
    backprop("predict", "--model", imported, "--data", data, "--out", predicted)
    with open(predicted) as f:
        got = [[float(v) for v in r] for r in list(csv.reader(f))[1:]]
    largest = max(abs(g - e) for grow, erow in zip(got, expected.tolist()) for g, e in zip(grow, erow))
    print(f"predict vs PyTorch on {len(got)} rows × 3 outputs: largest difference {largest:.3g}")
    explained = backprop("explain", "--model", imported, "--data", data, "--sample", "1", "--layer", "4")
    print(f"explain --sample 1 --layer 4: {len(explained.splitlines())} lines, the first: {explained.splitlines()[0]}")
    print(backprop("gradcheck", "--model", imported, "--data", data).strip().splitlines()[-1])
    if largest > 1e-5:
        sys.exit("the imported model does not give PyTorch's outputs")
    if not options.keep:
        print(f"(files in {folder})")


if __name__ == "__main__":
    main()
