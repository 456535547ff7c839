"""Classification report parity: `textclf train` / `textclf eval` vs scikit-learn's metrics.

Seed configuration: --max-df 0.5 --max-features 1000 --stop-words english, trained on the
20 Newsgroups train split and evaluated on the test split. The CLI's stdout must be exactly
sklearn.metrics.classification_report(y_true, y_pred, digits=4) for its own predictions.
"""

import csv
import json

import numpy as np
import pytest
from sklearn.metrics import classification_report, confusion_matrix

from conftest import report

SEED_FLAGS = ["--max-df", "0.5", "--max-features", "1000", "--stop-words", "english"]
MIN_ACCURACY = 0.675
TOL = 5e-5
METRIC_KEYS = ("precision", "recall", "f1-score", "support")


def read_predictions(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows, f"{path} is empty"
    assert rows[0] == ["true", "predicted"], f"header {rows[0]!r}"
    assert all(len(r) == 2 for r in rows[1:]), "every row must have 2 fields"
    return [r[0] for r in rows[1:]], [r[1] for r in rows[1:]]


@pytest.fixture(scope="module")
def trained(run_textclf, train_csv, test_csv, session_tmp):
    d = session_tmp / "train"
    d.mkdir()
    proc = run_textclf("train", train_csv, "--test", test_csv, *SEED_FLAGS,
                       "--out", d / "model", "--predictions", d / "pred.csv",
                       "--report-json", d / "report.json", "--digits", "4")
    assert proc.returncode == 0, f"textclf train failed ({proc.returncode}):\n{proc.stderr[-3000:]}"
    return d, proc


@pytest.fixture(scope="module")
def evaluated(trained, run_textclf, test_csv):
    d, _ = trained
    proc = run_textclf("eval", d / "model", test_csv, "--predictions", d / "pred_eval.csv",
                       "--report-json", d / "report_eval.json", "--digits", "4")
    assert proc.returncode == 0, f"textclf eval failed ({proc.returncode}):\n{proc.stderr[-3000:]}"
    return d, proc


def check_report_json(rep, y_true, y_pred):
    labels = sorted(set(y_true) | set(y_pred))
    expected = classification_report(y_true, y_pred, digits=4, output_dict=True)
    for key in list(labels) + ["macro avg", "weighted avg"]:
        assert key in rep, f"report JSON lacks {key!r}"
        for m in METRIC_KEYS:
            assert m in rep[key], f"report JSON {key!r} lacks {m!r}"
            assert abs(rep[key][m] - expected[key][m]) <= TOL, (
                f"{key} {m}: {rep[key][m]} vs scikit-learn {expected[key][m]}")
    assert abs(rep["accuracy"] - expected["accuracy"]) <= TOL
    assert rep["labels"] == labels
    cm = confusion_matrix(y_true, y_pred, labels=labels)
    assert np.array_equal(np.asarray(rep["confusion_matrix"]), cm), "confusion matrix differs"


def test_train_report_matches_sklearn(trained, train_data, test_data):
    d, proc = trained
    y_true, y_pred = read_predictions(d / "pred.csv")
    test_labels, _ = test_data
    assert y_true == test_labels, "pred.csv `true` column must be the test labels in file order"
    expected = classification_report(y_true, y_pred, digits=4)
    assert proc.stdout == expected, (
        "stdout is not exactly scikit-learn's classification_report(digits=4)\n"
        f"--- ours ---\n{proc.stdout!r}\n--- sklearn ---\n{expected!r}")


def test_train_report_json(trained, train_data, test_data):
    d, _ = trained
    y_true, y_pred = read_predictions(d / "pred.csv")
    rep = json.loads((d / "report.json").read_text(encoding="utf-8"))
    check_report_json(rep, y_true, y_pred)
    assert rep["n_train"] == len(train_data[0])
    assert rep["n_test"] == len(test_data[0])
    assert rep["n_features"] == 1000
    t = rep["timings_ms"]
    for k in ("read", "vectorize", "train", "predict"):
        assert k in t, f"timings_ms lacks {k!r}"
        assert isinstance(t[k], (int, float)) and t[k] >= 0
    report(f"train: n_train {rep['n_train']}, n_test {rep['n_test']}, n_features {rep['n_features']}, "
           f"accuracy {rep['accuracy']:.4f}, timings_ms {t}")


def test_accuracy_floor(trained):
    d, _ = trained
    y_true, y_pred = read_predictions(d / "pred.csv")
    acc = float(np.mean(np.asarray(y_true) == np.asarray(y_pred)))
    assert acc >= MIN_ACCURACY, f"accuracy {acc:.4f} < {MIN_ACCURACY}"


def test_eval_matches_train(trained, evaluated):
    d, train_proc = trained
    _, eval_proc = evaluated
    assert read_predictions(d / "pred_eval.csv") == read_predictions(d / "pred.csv")
    assert eval_proc.stdout == train_proc.stdout
    y_true, y_pred = read_predictions(d / "pred_eval.csv")
    rep = json.loads((d / "report_eval.json").read_text(encoding="utf-8"))
    check_report_json(rep, y_true, y_pred)
