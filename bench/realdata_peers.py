"""scikit-learn's side of bench/realdata.py: its MLP in the standard pipeline and HistGradientBoosting with its
defaults, fitted on a split's training rows and scored on every test row. Results are kept per split in a JSON file,
so that a sweep of Backprop's options does not fit them again."""
import json
import os
import time
import warnings


def _pipeline(x, model, scale):
    """Numbers: SimpleImputer (mean) then StandardScaler (MLP) or as they are, gaps kept (HGB reads NaN itself);
    text: SimpleImputer (most frequent) then OneHotEncoder(handle_unknown='ignore')."""
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler
    if not hasattr(x, "select_dtypes"):  # images: a matrix of numbers
        return make_pipeline(StandardScaler(), model) if scale else model
    numbers = list(x.select_dtypes(include="number").columns)
    text = [c for c in x.columns if c not in numbers]
    number_steps = [SimpleImputer(strategy="mean"), StandardScaler()] if scale else ["passthrough"]
    try:
        onehot = OneHotEncoder(handle_unknown="ignore", sparse_output=False)
    except TypeError:  # scikit-learn before 1.2
        onehot = OneHotEncoder(handle_unknown="ignore", sparse=False)
    columns = ColumnTransformer([("numbers", make_pipeline(*number_steps), numbers),
                                 ("text", make_pipeline(SimpleImputer(strategy="most_frequent"), onehot), text)])
    return make_pipeline(columns, model)


def _fit_score(split, kind, seed):
    from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
    from sklearn.metrics import accuracy_score, r2_score
    from sklearn.neural_network import MLPClassifier, MLPRegressor
    x_train, y_train, x_test, y_test = split.frames()
    classify = split.task == "class"
    if kind == "mlp":
        model = (MLPClassifier if classify else MLPRegressor)(random_state=seed)
    else:
        model = (HistGradientBoostingClassifier if classify else HistGradientBoostingRegressor)(random_state=seed)
    pipe = _pipeline(x_train, model, scale=kind == "mlp")
    start = time.time()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pipe.fit(x_train, y_train)
        predicted = pipe.predict(x_test)
    score = accuracy_score(y_test, predicted) if classify else r2_score(y_test, predicted)
    return {"score": float(score), "scored": int(len(predicted)), "seconds": round(time.time() - start, 1)}


def peers(folder, split, fresh=False, seed=None):
    """{'mlp': {...}, 'hgb': {...}} for one split with random_state seed (default the split's), from the cache unless
    fresh."""
    import sklearn
    where = os.path.join(folder, "peers")
    os.makedirs(where, exist_ok=True)
    quick = "-quick" if "quick" in split.test else ""
    seed = split.seed if seed is None else seed
    draw = "" if seed == split.seed else f"-r{seed}"
    path = os.path.join(where, f"{split.name}-s{split.seed}{draw}{quick}-sklearn{sklearn.__version__}.json")
    if os.path.exists(path) and not fresh:
        with open(path) as f:
            return json.load(f)
    result = {kind: _fit_score(split, kind, seed) for kind in ("mlp", "hgb")}
    with open(path + ".tmp", "w") as f:
        json.dump(result, f)
    os.replace(path + ".tmp", path)
    return result
