"""TF-IDF parity: `textclf vectorize` vs scikit-learn's TfidfVectorizer on 20 Newsgroups train.

The CLI writes DIR/X.npz (CSR, rows in file order, loadable by scipy.sparse.load_npz) and
DIR/X.vocab.json (the terms in column order). Columns are matched by term, so the column
order is free. With max_features, terms tied on total corpus frequency at the cut-off may be
chosen differently (scikit-learn's argsort breaks such ties arbitrarily); only there may the
vocabularies differ.
"""

import json

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from conftest import report

TOL = 1e-5

CONFIGS = {
    "a": {
        "cli": ["--max-df", "0.5", "--max-features", "1000", "--stop-words", "english"],
        "sk": dict(max_df=0.5, max_features=1000, stop_words="english"),
    },
    "b": {
        "cli": ["--sublinear-tf", "--min-df", "5", "--max-df", "0.5", "--ngram-range", "1,2",
                "--stop-words", "english"],
        "sk": dict(sublinear_tf=True, min_df=5, max_df=0.5, ngram_range=(1, 2), stop_words="english"),
    },
}


def tie_group(texts, sk_opts):
    """Terms tied on total corpus frequency at the max_features cut-off ({} without a cut)."""
    limit = sk_opts.get("max_features")
    if limit is None:
        return set()
    opts = {k: v for k, v in sk_opts.items() if k not in ("max_features", "sublinear_tf")}
    cv = CountVectorizer(**opts)
    counts = cv.fit_transform(texts)
    if counts.shape[1] <= limit:
        return set()
    tfs = np.asarray(counts.sum(axis=0)).ravel()
    cut = np.sort(tfs)[::-1][limit - 1]
    names = cv.get_feature_names_out()
    group = set(names[tfs == cut])
    # A tie only matters if it straddles the cut.
    if (tfs >= cut).sum() == limit:
        return set()
    return group


def max_abs_diff(a, b):
    d = (sp.csr_matrix(a, dtype=np.float64) - sp.csr_matrix(b, dtype=np.float64)).tocsr()
    return float(np.abs(d.data).max()) if d.nnz else 0.0


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_tfidf_parity(name, run_textclf, train_csv, train_data, tmp_path):
    cfg = CONFIGS[name]
    out = tmp_path / "X.npz"
    proc = run_textclf("vectorize", train_csv, *cfg["cli"], "--out", out)
    assert proc.returncode == 0, f"textclf vectorize failed ({proc.returncode}):\n{proc.stderr[-3000:]}"
    vocab_path = tmp_path / "X.vocab.json"
    assert out.is_file(), f"{out} not written"
    assert vocab_path.is_file(), f"{vocab_path} not written"

    X = sp.load_npz(out).tocsr()
    ours = json.loads(vocab_path.read_text(encoding="utf-8"))
    assert isinstance(ours, list) and all(isinstance(t, str) for t in ours)
    assert len(ours) == len(set(ours)), "duplicate terms in X.vocab.json"
    assert X.dtype in (np.float32, np.float64), f"dtype {X.dtype}"

    _, texts = train_data
    vec = TfidfVectorizer(**cfg["sk"])
    Xs = vec.fit_transform(texts).tocsr()
    theirs = list(vec.get_feature_names_out())
    report(f"tfidf config {name}: textclf X {X.shape} ({X.dtype}, nnz {X.nnz}), "
           f"sklearn X {Xs.shape} (nnz {Xs.nnz})")

    assert X.shape[0] == len(texts), f"{X.shape[0]} rows, {len(texts)} documents"
    assert X.shape[1] == len(ours), f"{X.shape[1]} columns, {len(ours)} vocabulary terms"

    ours_set, theirs_set = set(ours), set(theirs)
    if ours_set == theirs_set:
        idx = [vec.vocabulary_[t] for t in ours]
        diff = max_abs_diff(X, Xs[:, idx])
        report(f"tfidf config {name}: same vocabulary ({len(ours)} terms), max |diff| {diff:.2e}")
        assert diff <= TOL
        return

    # Vocabularies differ: only inside the max_features tie group is that allowed.
    ties = tie_group(texts, cfg["sk"])
    only_ours, only_theirs = ours_set - theirs_set, theirs_set - ours_set
    report(f"tfidf config {name}: vocabularies differ in {len(only_ours)} + {len(only_theirs)} terms "
           f"(tie group at the cut-off: {len(ties)} terms)")
    assert len(ours) == len(theirs), f"{len(ours)} terms vs scikit-learn's {len(theirs)}"
    assert only_ours <= ties and only_theirs <= ties, (
        f"vocabularies differ outside the max_features tie group: "
        f"ours only {sorted(only_ours - ties)[:20]}, sklearn only {sorted(only_theirs - ties)[:20]}"
    )

    # 1. The whole matrix against scikit-learn with our vocabulary (same idf, same row norms).
    fixed = TfidfVectorizer(vocabulary=ours, **{k: v for k, v in cfg["sk"].items()
                                                if k not in ("max_df", "min_df", "max_features")})
    Xf = fixed.fit_transform(texts)
    diff = max_abs_diff(X, Xf)
    report(f"tfidf config {name}: vs TfidfVectorizer(vocabulary=ours) max |diff| {diff:.2e}")
    assert diff <= TOL

    # 2. The main scikit-learn matrix on every row that touches none of the differing terms.
    differing = only_ours | only_theirs
    our_cols = [i for i, t in enumerate(ours) if t in differing]
    their_cols = [vec.vocabulary_[t] for t in only_theirs]
    touched = np.zeros(len(texts), dtype=bool)
    if our_cols:
        touched |= np.asarray((X[:, our_cols] != 0).sum(axis=1)).ravel() > 0
    if their_cols:
        touched |= np.asarray((Xs[:, their_cols] != 0).sum(axis=1)).ravel() > 0
    rows = np.flatnonzero(~touched)
    common = [t for t in ours if t in theirs_set]
    a = X[rows][:, [i for i, t in enumerate(ours) if t in theirs_set]]
    b = Xs[rows][:, [vec.vocabulary_[t] for t in common]]
    diff = max_abs_diff(a, b)
    report(f"tfidf config {name}: main matrix on {len(rows)}/{len(texts)} rows untouched by the tie, "
           f"max |diff| {diff:.2e}")
    assert diff <= TOL
