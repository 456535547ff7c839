"""src/text/stop_words.rs holds exactly scikit-learn's ENGLISH_STOP_WORDS."""

import re

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from conftest import REPO_ROOT, report

SOURCE = REPO_ROOT / "src" / "text" / "stop_words.rs"


def parse_english():
    src = SOURCE.read_text(encoding="utf-8")
    m = re.search(r"pub\s+const\s+ENGLISH\s*:\s*&\[\s*&(?:'static\s+)?str\s*\]\s*=\s*&\[(.*?)\];", src, re.S)
    assert m, f"no `pub const ENGLISH: &[&str] = &[...];` in {SOURCE}"
    body = re.sub(r"//[^\n]*", "", m.group(1))  # line comments
    words = re.findall(r'"((?:[^"\\]|\\.)*)"', body)
    # Nothing but string literals and commas in between.
    leftover = re.sub(r'"((?:[^"\\]|\\.)*)"', "", body)
    assert re.fullmatch(r"[\s,]*", leftover), f"unexpected tokens in ENGLISH: {leftover.strip()[:80]!r}"
    return words


def test_english_stop_words_equal_sklearn():
    words = parse_english()
    report(f"stop words: {len(words)} in src/text/stop_words.rs, {len(ENGLISH_STOP_WORDS)} in scikit-learn")
    assert len(ENGLISH_STOP_WORDS) == 318
    assert len(words) == len(set(words)), "duplicate entries"
    ours = set(words)
    assert ours == set(ENGLISH_STOP_WORDS), (
        f"missing: {sorted(set(ENGLISH_STOP_WORDS) - ours)}; extra: {sorted(ours - set(ENGLISH_STOP_WORDS))}"
    )
    assert len(words) == 318


def test_english_stop_words_sorted_bytewise():
    # The module documents the list as byte-ordered (binary-searchable).
    words = parse_english()
    assert words == sorted(words, key=lambda w: w.encode("utf-8"))
