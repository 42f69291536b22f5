"""Peer check of docs/model-selection.md (never run by the tests): scikit-learn's cross_validate with the settings of the
`backprop cv` iris example, for five seeds. Run from the repository: /usr/bin/python3 bench/cv_peer.py"""
import warnings, numpy as np, pandas as pd
from sklearn.model_selection import StratifiedKFold, cross_validate
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
warnings.filterwarnings("ignore")
d = pd.read_csv("../shared/data/uci/iris.csv")
X, y = d.drop(columns="species").values, d["species"].values
accs = []
for seed in range(5):
    m = make_pipeline(StandardScaler(), MLPClassifier((8,), solver="adam", learning_rate_init=0.01, max_iter=100, batch_size=32, random_state=seed, n_iter_no_change=1000, tol=0))
    r = cross_validate(m, X, y, cv=StratifiedKFold(5, shuffle=True, random_state=seed), scoring=["accuracy", "f1_macro", "neg_log_loss"])
    print(seed, f"accuracy {r['test_accuracy'].mean():.4f} ± {r['test_accuracy'].std():.4f}", f"f1 {r['test_f1_macro'].mean():.4f}", f"log_loss {-r['test_neg_log_loss'].mean():.4f}")
