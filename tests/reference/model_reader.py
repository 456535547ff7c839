"""A reference reader of textclf model files, written from docs/model-format.md alone.

It uses only `safetensors` and `numpy`: the tokenizer, the TF-IDF weighting and the softmax
are re-implemented here from the file's metadata, so that a model trained in a browser tab
or by the CLI can be used (and audited) from Python without textclf.

    python tests/reference/model_reader.py MODEL.safetensors "some text" ...
"""

import json
import math
import re
import sys
from collections import Counter

import numpy as np
from safetensors import safe_open
from safetensors.numpy import load_file


class Model:
    def __init__(self, path):
        with safe_open(str(path), framework="numpy") as f:
            meta = f.metadata()
        if meta.get("format") != "textclf":
            raise ValueError(f"{path}: not a textclf model (format {meta.get('format')!r})")
        major = int(meta["format_version"].split(".")[0])
        if major != 1:
            raise ValueError(f"{path}: format version {meta['format_version']} is not 1.x")
        t = load_file(str(path))
        self.labels = json.loads(meta["labels"])
        self.analyzer = json.loads(meta["analyzer"])
        self.vectorizer = json.loads(meta["vectorizer"])
        self.model = json.loads(meta["model"])
        self.evaluation = json.loads(meta["evaluation"])
        self.terms = json.loads(meta["vocabulary"])
        self.index = {term: j for j, term in enumerate(self.terms)}
        self.idf = t["idf"].astype(np.float64)
        w = t["softmax.weight"]
        if self.model["weight_dtype"] == "I8":
            w = w.astype(np.float64) * t["softmax.weight_scale"].astype(np.float64)[:, None]
        self.weight = w.astype(np.float64)  # [n_classes, n_features]
        self.bias = t["softmax.bias"].astype(np.float64)
        self.stop = set(self.analyzer["stop_word_list"])
        self.token_re = re.compile(self.analyzer["token_pattern"])
        assert self.weight.shape == (len(self.labels), len(self.terms)) == (len(self.bias), len(self.idf))

    def analyze(self, text):
        if self.analyzer["lowercase"]:
            text = text.lower()
        tokens = [w for w in self.token_re.findall(text) if w not in self.stop]
        lo, hi = self.analyzer["ngram_range"]
        out = []
        for n in range(lo, hi + 1):
            for i in range(len(tokens) - n + 1):
                out.append(" ".join(tokens[i:i + n]))
        return out

    def vector(self, text):
        counts = Counter(self.index[t] for t in self.analyze(text) if t in self.index)
        x = np.zeros(len(self.terms))
        for j, c in counts.items():
            tf = 1.0 + math.log(c) if self.vectorizer["sublinear_tf"] else float(c)
            x[j] = tf * self.idf[j]
        if self.vectorizer["norm"] == "l2":
            norm = np.sqrt(np.dot(x, x))
            if norm > 0:
                x /= norm
        return x

    def probabilities(self, text):
        s = self.weight @ self.vector(text) + self.bias
        e = np.exp(s - s.max())
        return e / e.sum()

    def predict(self, text):
        return self.labels[int(np.argmax(self.probabilities(text)))]


if __name__ == "__main__":
    m = Model(sys.argv[1])
    for text in sys.argv[2:]:
        p = m.probabilities(text)
        k = int(np.argmax(p))
        print(f"{m.labels[k]}\t{p[k]:.4f}")
