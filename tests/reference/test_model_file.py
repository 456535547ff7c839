"""The model file read from Python with safetensors + numpy only (tests/reference/model_reader.py)
reproduces the CLI's predictions on the 20 Newsgroups test set."""

import csv
import json

import numpy as np
import pytest

from conftest import report
from model_reader import Model

CONFIGS = {
    "seed-f32": ["--max-df", "0.5", "--max-features", "1000", "--stop-words", "english"],
    "bigrams-int8": ["--sublinear-tf", "--ngram-range", "1,2", "--min-df", "3", "--max-df", "0.5",
                     "--stop-words", "english", "--epochs", "4", "--quantize", "int8"],
}


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_python_reader_agrees_with_the_cli(name, run_textclf, train_csv, test_csv, test_data, session_tmp):
    d = session_tmp / f"model-{name}"
    d.mkdir()
    model = d / "model.safetensors"
    proc = run_textclf("train", train_csv, *CONFIGS[name], "--out", model, "-q")
    assert proc.returncode == 0, proc.stderr[-3000:]
    proc = run_textclf("eval", model, test_csv, "--predictions", d / "pred.csv", "-q")
    assert proc.returncode == 0, proc.stderr[-3000:]
    with open(d / "pred.csv", newline="", encoding="utf-8") as f:
        ours = [row[1] for row in list(csv.reader(f))[1:]]
    m = Model(model)
    _, texts = test_data
    theirs = [m.predict(t) for t in texts]
    agree = float(np.mean([a == b for a, b in zip(ours, theirs)]))
    report(f"model file {name}: Python reader agrees with the CLI on {agree:.4%} of {len(texts)} test documents "
           f"({model.stat().st_size} bytes)")
    assert len(ours) == len(texts)
    assert agree >= 0.999
    # The CLI's probabilities for a few texts match the reader's within float32 rounding.
    proc = run_textclf("predict", model, "--json", "--top-k", "3", *texts[:5])
    for line, text in zip(proc.stdout.splitlines(), texts[:5]):
        got = json.loads(line)["labels"]
        p = m.probabilities(text)
        for entry in got:
            assert abs(entry["probability"] - p[m.labels.index(entry["label"])]) < 1e-4
