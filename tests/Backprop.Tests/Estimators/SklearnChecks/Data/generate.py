# Writes the CSV files of this folder with scikit-learn 1.2.1's own generators and seeds, as its
# estimator_checks.py and neural_network/tests/test_mlp.py make them. Run once: /usr/bin/python3 generate.py
import numpy as np
from sklearn.datasets import (make_blobs, make_regression, make_multilabel_classification, load_digits, load_iris)
from sklearn.preprocessing import StandardScaler, scale
from sklearn.utils import shuffle
from sklearn.model_selection import train_test_split


def write(name, X, y, target_names=None):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    if y.ndim == 1:
        y = y[:, None]
    names = [f"x{i + 1}" for i in range(X.shape[1])]
    targets = target_names or (["y"] if y.shape[1] == 1 else [f"y{k + 1}" for k in range(y.shape[1])])
    with open(name, "w") as f:
        f.write(",".join(names + targets) + "\n")
        for row, t in zip(X, y):
            f.write(",".join(repr(float(v)) for v in row) + "," + ",".join(
                repr(float(v)) if y.dtype.kind == "f" else str(v) for v in t) + "\n")


# check_classifiers_train
X, y = make_blobs(n_samples=300, random_state=0)
X, y = shuffle(X, y, random_state=7)
write("blobs300.csv", StandardScaler().fit_transform(X), y)
# check_classifiers_classes
X, y = make_blobs(n_samples=30, random_state=0, cluster_std=0.1)
X, y = shuffle(X, y, random_state=7)
write("blobs30.csv", StandardScaler().fit_transform(X), y)
# _regression_dataset (check_regressors_train, check_classifiers_regression_target, check_regressors_int)
X, y = make_regression(n_samples=200, n_features=10, n_informative=1, bias=5.0, noise=20, random_state=42)
write("regression200.csv", StandardScaler().fit_transform(X), y)
# check_regressors_int: y for the first 50 rows
write("regression_int50.csv", StandardScaler().fit_transform(X)[:50], np.random.RandomState(0).randint(3, size=50))
# check_class_weight_classifiers: make_blobs(centers=n, random_state=0, cluster_std=20), split in halves
for n in (2, 3):
    X, y = make_blobs(centers=n, random_state=0, cluster_std=20)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.5, random_state=0)
    write(f"classweight{n}_train.csv", X_train, y_train)
    write(f"classweight{n}_test.csv", X_test, y_test)
# check_methods_subset_invariance, check_methods_sample_order_invariance, check_fit2d_predict1d
X = 3 * np.random.RandomState(0).uniform(size=(20, 3))
write("uniform20x3.csv", X, X[:, 0].astype(int))
# check_estimators_nan_inf: three draws of RandomState(0); the 2nd has NaN at [0,0], the 3rd inf
rnd = np.random.RandomState(0)
finite, nan, inf = rnd.uniform(size=(10, 3)), rnd.uniform(size=(10, 3)), rnd.uniform(size=(10, 3))
nan[0, 0] = np.nan
inf[0, 0] = np.inf
y = np.ones(10, dtype=int)
y[:5] = 0
write("naninf_finite.csv", finite, y)
write("naninf_nan.csv", nan, y)
write("naninf_inf.csv", inf, y)
# check_classifiers_one_label: train and test from RandomState(0)
rnd = np.random.RandomState(0)
write("onelabel_train.csv", rnd.uniform(size=(10, 3)), np.ones(10, dtype=int))
write("onelabel_test.csv", rnd.uniform(size=(10, 3)), np.ones(10, dtype=int))
# check_classifiers_one_label_sample_weights: y = arange(10) % 2, weights = y
rnd = np.random.RandomState(0)
write("onelabel_weights_train.csv", rnd.uniform(size=(10, 10)), np.arange(10) % 2)
write("onelabel_weights_test.csv", rnd.uniform(size=(10, 10)), np.ones(10, dtype=int))
# check_fit_idempotent / check_n_features_in / check_requires_y_none: normal(loc=100) then y from the same state
for kind in ("classifier", "regressor"):
    rng = np.random.RandomState(0)
    X = rng.normal(loc=100, size=(100, 2))
    y = rng.normal(size=100) if kind == "regressor" else rng.randint(low=0, high=2, size=100)
    write(f"loc100_{kind}.csv", X, y)
# check_supervised_y_no_nan
write("standard_normal888.csv", np.random.RandomState(888).standard_normal(size=(10, 5)), np.zeros(10, dtype=int))
# check_supervised_y_2d
write("uniform30x3.csv", np.random.RandomState(0).uniform(size=(30, 3)), np.arange(30) % 3)
# check_regressor_multioutput and check_classifier_multioutput
X, y = make_regression(random_state=42, n_targets=5, n_samples=11, n_features=10)
write("multioutput11.csv", X, y)
X, y = make_multilabel_classification(random_state=42, n_samples=42, n_labels=5, n_classes=3)
write("multilabel42.csv", X, y)
# test_mlp.py data
X, y = load_digits(n_class=3, return_X_y=True)
write("digits3_200.csv", X[:200], y[:200])  # min-max scaled by the tests, as MinMaxScaler().fit_transform
X, y = load_digits(n_class=2, return_X_y=True)
write("digits2.csv", X, y)  # all 360 rows; the first 200 min-max scaled are X_digits_binary
X, y = make_regression(n_samples=200, n_features=10, bias=20.0, noise=100.0, random_state=7)
write("regression200_seed7.csv", X, scale(y))
iris = load_iris()
write("iris.csv", iris.data, iris.target)
X, y = make_multilabel_classification(n_samples=50, random_state=0, return_indicator=True)
write("multilabel50.csv", X, y)
# test_multioutput_regression (make_regression(n_samples=200, n_targets=5), 100 features, 400 kB) is not kept: the test draws it in C#
X, y = make_regression(n_samples=50, n_features=5, n_targets=1, random_state=0)
write("shuffle50.csv", X, y)
rng = np.random.RandomState(0)
X = np.finfo(np.float64).max * rng.uniform(size=(10, 2))
write("nonfinite10.csv", X, rng.standard_normal(size=10))
# check_estimators_partial_fit_n_features: make_blobs(n_samples=50, random_state=1), X -= X.min()
X, y = make_blobs(n_samples=50, random_state=1)
write("blobs50.csv", X - X.min(), y)
# check_classifiers_multilabel_representation_invariance and check_classifiers_multilabel_output_format_*
X, y = make_multilabel_classification(n_samples=100, n_features=2, n_classes=5, n_labels=3, length=50, allow_unlabeled=True,
                                      random_state=0)
write("multilabel100.csv", scale(X), y)
