"""The data sets of bench/realdata.py: what each is, which Debian package holds it, and how it becomes the fixed,
seeded train/test files that every tool reads. Nothing is fetched: R's mlbench and modeldata tables are written to
CSV by Rscript, Fashion-MNIST is read from the IDX files of dataset-fashion-mnist."""
import gzip
import importlib.util
import os
import shutil
import struct
import subprocess

FASHION = "/usr/share/datasets/fashion-mnist"

# name: (Debian package, R package or None, R object, target column, task)
SETS = {
    "fashion": ("dataset-fashion-mnist", None, None, "label", "class"),
    "letters": ("r-cran-mlbench", "mlbench", "LetterRecognition", "lettr", "class"),
    "satellite": ("r-cran-mlbench", "mlbench", "Satellite", "classes", "class"),
    "shuttle": ("r-cran-mlbench", "mlbench", "Shuttle", "Class", "class"),
    "vehicle": ("r-cran-mlbench", "mlbench", "Vehicle", "Class", "class"),
    "sonar": ("r-cran-mlbench", "mlbench", "Sonar", "Class", "class"),
    "glass": ("r-cran-mlbench", "mlbench", "Glass", "Type", "class"),
    "pima": ("r-cran-mlbench", "mlbench", "PimaIndiansDiabetes2", "diabetes", "class"),
    "credit": ("r-cran-modeldata", "modeldata", "credit_data", "Status", "class"),
    "attrition": ("r-cran-modeldata", "modeldata", "attrition", "Attrition", "class"),
    "boston": ("r-cran-mlbench", "mlbench", "BostonHousing", "medv", "regression"),
    "ames": ("r-cran-modeldata", "modeldata", "ames", "Sale_Price", "regression"),
    "concrete": ("r-cran-modeldata", "modeldata", "concrete", "compressive_strength", "regression"),
}

# Glass's classes are the codes 1..7: written as type1..type7 so that every tool reads them as classes, not numbers.
R_FIXES = {"Glass": 'd$Type <- paste0("type", d$Type)'}

# The cells every tool reads as missing: Backprop's list (docs/data.md); pandas is told the same.
MISSING = ["", "NA", "N/A", "NULL", "null", "#N/A", "?"]
TEST_FRACTION = 0.25


def missing_packages():
    """The Debian packages this benchmark needs that are not installed (checked by what they install)."""
    need = []
    if not os.path.exists(os.path.join(FASHION, "train-images-idx3-ubyte.gz")):
        need.append("dataset-fashion-mnist")
    if shutil.which("Rscript") is None:
        need.append("r-base-core")
    for package in ("mlbench", "modeldata"):
        if not any(os.path.isdir(os.path.join(d, package)) for d in ("/usr/lib/R/site-library", "/usr/share/R/library",
                                                                      "/usr/lib/R/library", "/usr/local/lib/R/site-library")):
            need.append("r-cran-" + package)
    for module, package in (("sklearn", "python3-sklearn"), ("pandas", "python3-pandas"), ("numpy", "python3-numpy")):
        if importlib.util.find_spec(module) is None:
            need.append(package)
    return need


def slow_blas():
    """True when numpy runs on Debian's reference BLAS (libblas3 alone): scikit-learn's MLP is then many times slower."""
    blas = os.path.realpath("/usr/lib/x86_64-linux-gnu/libblas.so.3")
    return os.path.exists(blas) and "/blas/" in blas and "openblas" not in blas and "atlas" not in blas


def convert(folder, names):
    """Writes each R table among names to folder/csv/NAME.csv (gaps as empty cells) with one Rscript call."""
    csv = os.path.join(folder, "csv")
    os.makedirs(csv, exist_ok=True)
    todo = [n for n in names if SETS[n][1] and not os.path.exists(os.path.join(csv, n + ".csv"))]
    if not todo:
        return
    lines = ["suppressMessages({library(mlbench); library(modeldata)})"]
    for name in todo:
        _, package, obj, _, _ = SETS[name]
        out = os.path.join(csv, name + ".csv")
        lines += [f'data("{obj}", package = "{package}"); d <- as.data.frame({obj})', R_FIXES.get(obj, ""),
                  f'write.csv(d, "{out}.tmp", row.names = FALSE, na = "", fileEncoding = "UTF-8")',
                  f'file.rename("{out}.tmp", "{out}")']
    script = os.path.join(csv, "convert.R")
    with open(script, "w") as f:
        f.write("\n".join(lines) + "\n")
    subprocess.run(["Rscript", "--vanilla", script], check=True)


def read_table(path):
    import pandas as pd
    return pd.read_csv(path, keep_default_na=False, na_values=MISSING)


def seeds_for(rows, seeds):
    """Several splits of a small set, fewer of a large one: twice `seeds` below 300 rows (a test set of 52 rows moves the
    accuracy by 0.019 a row, so five splits cannot tell two tools 0.01 apart), all `seeds` below 1,000 rows, about half
    below 5,000, one above."""
    return 2 * seeds if rows < 300 else seeds if rows < 1000 else max(1, (seeds + 1) // 2) if rows < 5000 else 1


def read_idx(path):
    import numpy as np
    with (gzip.open(path) if path.endswith(".gz") else open(path, "rb")) as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def write_idx(path, array):
    with open(path + ".tmp", "wb") as f:
        f.write(struct.pack(">BBBB", 0, 0, 0x08, array.ndim) + struct.pack(">" + "I" * array.ndim, *array.shape))
        f.write(array.tobytes())
    os.replace(path + ".tmp", path)


class Split:
    """One seeded train/test split of one set: the files Backprop reads and the frames scikit-learn fits."""

    def __init__(self, name, seed, train, test, target, task, rows):
        self.name, self.seed, self.train, self.test, self.target, self.task, self.rows = \
            name, seed, train, test, target, task, rows

    def frames(self):
        """(X_train, y_train, X_test, y_test) for scikit-learn."""
        if self.name == "fashion":
            x_train, y_train = read_idx(self.train).reshape(-1, 784) / 255.0, read_idx(_labels(self.train))
            x_test, y_test = read_idx(self.test).reshape(-1, 784) / 255.0, read_idx(_labels(self.test))
            return x_train, y_train.astype(str), x_test, y_test.astype(str)
        train, test = read_table(self.train), read_table(self.test)
        return train.drop(columns=[self.target]), train[self.target], test.drop(columns=[self.target]), test[self.target]

    def backprop_data(self):
        """The arguments that name the data and the target for Backprop (IDX images need no target)."""
        return [] if self.name == "fashion" else ["--target", self.target]


def _labels(images):
    folder, file = os.path.split(images)
    return os.path.join(folder, file.replace("images", "labels").replace("idx3", "idx1"))


def splits(folder, name, seeds, quick):
    """The splits of one set, written once under folder/splits and reused (same seed, same rows)."""
    _, _, _, target, task = SETS[name]
    if name == "fashion":
        return [_fashion(folder, quick)]
    import numpy as np
    from sklearn.model_selection import train_test_split
    table = read_table(os.path.join(folder, "csv", name + ".csv"))
    result = []
    for seed in range(1, (1 if quick else seeds_for(len(table), seeds)) + 1):
        tag = f"{name}-s{seed}" + ("-quick" if quick else "")
        where = os.path.join(folder, "splits", tag)
        train, test = os.path.join(where, "train.csv"), os.path.join(where, "test.csv")
        if not os.path.exists(test):
            os.makedirs(where, exist_ok=True)
            strata = table[target] if task == "class" else None
            a, b = train_test_split(table, test_size=TEST_FRACTION, random_state=seed, stratify=strata)
            if quick:  # at most 2,000 training and 1,000 test rows
                a, b = _cut(a, 2000, strata is not None, target, seed), _cut(b, 1000, strata is not None, target, seed)
            a.to_csv(train, index=False, na_rep="", lineterminator="\n")
            b.to_csv(test + ".tmp", index=False, na_rep="", lineterminator="\n")
            os.replace(test + ".tmp", test)
        rows = len(table) if not quick else min(len(table) - int(np.ceil(len(table) * TEST_FRACTION)), 2000) + \
            min(int(np.ceil(len(table) * TEST_FRACTION)), 1000)
        result.append(Split(name, seed, train, test, target, task, rows))
    return result


def _cut(frame, n, classify, target, seed):
    """n of the rows; for classes the same share of each class and at least one row of it, so none goes missing."""
    if len(frame) <= n:
        return frame
    if not classify:
        return frame.sample(n=n, random_state=seed)
    share = n / len(frame)
    return frame.groupby(target, group_keys=False).apply(
        lambda g: g.sample(n=max(1, round(len(g) * share)), random_state=seed)).sample(frac=1, random_state=seed)


def _fashion(folder, quick):
    """The official 60,000/10,000 split; --quick takes the first 2,000 and 1,000 images into IDX files of its own."""
    train = os.path.join(FASHION, "train-images-idx3-ubyte.gz")
    test = os.path.join(FASHION, "t10k-images-idx3-ubyte.gz")
    if not quick:
        return Split("fashion", 1, train, test, "label", "class", 70000)
    where = os.path.join(folder, "splits", "fashion-quick")
    os.makedirs(where, exist_ok=True)
    files = []
    for source, n, stem in ((train, 2000, "train"), (test, 1000, "t10k")):
        images = os.path.join(where, f"{stem}-images-idx3-ubyte")
        if not os.path.exists(images):
            write_idx(_labels(images), read_idx(_labels(source))[:n])
            write_idx(images, read_idx(source)[:n])
        files.append(images)
    return Split("fashion", 1, files[0], files[1], "label", "class", 3000)
