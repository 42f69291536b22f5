#!/usr/bin/python3
"""The peers of bench/tabular.py, each run as its own process so that its whole time and memory can be measured:

    tabular_peers.py sklearn train DATA MODEL        pandas read_csv + StandardScaler + MLPClassifier
    tabular_peers.py torch train DATA MODEL          pandas read_csv + the same network in PyTorch
    tabular_peers.py sklearn|torch predict DATA MODEL OUT

Both train 54-256-128-7 ReLU with softmax and cross-entropy, Adam (lr 0.001), batch 256, 5 epochs, on the first 90% of
the rows standardised with those rows' means and standard deviations, and score the last 10%. train prints one line of
JSON: {"accuracy", "read" (seconds of read_csv), "fit" (seconds of the training loop)}. predict writes the class and
the 7 probabilities of every row to OUT. PyTorch runs in float32 on two threads (torch.set_num_threads(2)), with
torch.manual_seed(1); scikit-learn keeps its float64 default and OpenBLAS's threads.
"""
import json
import pickle
import sys
import time

EPOCHS, BATCH, RATE, HIDDEN = 5, 256, 0.001, (256, 128)


def read(data):
    import pandas as pd
    start = time.perf_counter()
    frame = pd.read_csv(data)
    y = frame.pop("cover").to_numpy()
    return frame.to_numpy(), y, time.perf_counter() - start


def sklearn_train(data, model):
    import warnings
    from sklearn.neural_network import MLPClassifier
    from sklearn.preprocessing import StandardScaler
    x, y, seconds = read(data)
    n = int(len(x) * 0.9)
    scaler = StandardScaler().fit(x[:n])
    net = MLPClassifier(hidden_layer_sizes=HIDDEN, solver="adam", learning_rate_init=RATE, batch_size=BATCH, max_iter=EPOCHS,
                        random_state=1)
    warnings.simplefilter("ignore")
    start = time.perf_counter()
    net.fit(scaler.transform(x[:n]), y[:n])
    fit = time.perf_counter() - start
    accuracy = net.score(scaler.transform(x[n:]), y[n:])
    with open(model, "wb") as f:
        pickle.dump((scaler, net), f)
    print(json.dumps({"accuracy": accuracy, "read": seconds, "fit": fit}))


def sklearn_predict(data, model, out):
    import pandas as pd
    with open(model, "rb") as f:
        scaler, net = pickle.load(f)
    x, _, _ = read(data)
    p = net.predict_proba(scaler.transform(x))
    write(pd, out, net.classes_, p)


def write(pd, out, classes, p):
    result = pd.DataFrame(p, columns=[f"p({c})" for c in classes])
    result.insert(0, "cover", classes[p.argmax(axis=1)])
    result.to_csv(out, index=False)


def torch_network(torch, inputs, classes):
    layers, width = [], inputs
    for h in HIDDEN:
        layers += [torch.nn.Linear(width, h), torch.nn.ReLU()]
        width = h
    return torch.nn.Sequential(*layers, torch.nn.Linear(width, classes))


def torch_train(data, model):
    import numpy as np
    import torch
    torch.set_num_threads(2)
    torch.manual_seed(1)
    x, y, seconds = read(data)
    classes, codes = np.unique(y, return_inverse=True)
    n = int(len(x) * 0.9)
    mean, std = x[:n].mean(axis=0), x[:n].std(axis=0)
    std[std == 0] = 1
    xs = torch.from_numpy(((x - mean) / std).astype(np.float32))
    ys = torch.from_numpy(codes.astype(np.int64))
    network = torch_network(torch, x.shape[1], len(classes))
    optimizer = torch.optim.Adam(network.parameters(), lr=RATE)
    loss = torch.nn.CrossEntropyLoss()
    train_x, train_y = xs[:n], ys[:n]
    start = time.perf_counter()
    for _ in range(EPOCHS):
        order = torch.randperm(n)
        for i in range(0, n, BATCH):
            index = order[i:i + BATCH]
            optimizer.zero_grad()
            loss(network(train_x[index]), train_y[index]).backward()
            optimizer.step()
    fit = time.perf_counter() - start
    with torch.no_grad():
        accuracy = (network(xs[n:]).argmax(1) == ys[n:]).float().mean().item()
    torch.save({"state": network.state_dict(), "mean": mean, "std": std, "classes": classes}, model)
    print(json.dumps({"accuracy": accuracy, "read": seconds, "fit": fit}))


def torch_predict(data, model, out):
    import numpy as np
    import pandas as pd
    import torch
    torch.set_num_threads(2)
    saved = torch.load(model)
    x, _, _ = read(data)
    classes = saved["classes"]
    network = torch_network(torch, x.shape[1], len(classes))
    network.load_state_dict(saved["state"])
    with torch.no_grad():
        p = torch.softmax(network(torch.from_numpy(((x - saved["mean"]) / saved["std"]).astype(np.float32))), dim=1).numpy()
    write(pd, out, classes, p)


if __name__ == "__main__":
    tool, step, arguments = sys.argv[1], sys.argv[2], sys.argv[3:]
    {("sklearn", "train"): sklearn_train, ("sklearn", "predict"): sklearn_predict,
     ("torch", "train"): torch_train, ("torch", "predict"): torch_predict}[(tool, step)](*arguments)
