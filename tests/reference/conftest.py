"""Shared fixtures for the reference checks against scikit-learn.

Environment:
  TEXTCLF_BIN       path of the textclf binary (default: target/release/textclf), relative
                    paths are taken from the repository root.
  TEXTCLF_DATA_DIR  folder with the 20 Newsgroups CSVs (default: ../shared/data from the
                    repository root).
  CI                when "true", missing data or a missing binary FAILS the tests instead of
                    skipping them.
"""

import csv
import gzip
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
TRAIN_NAME = "20news-bydate-train.csv.gz"
TEST_NAME = "20news-bydate-test.csv.gz"

# Lines collected by tests (shapes, accuracies, ...) and printed in the terminal summary.
REPORT_LINES = []


def report(line):
    REPORT_LINES.append(line)


def pytest_terminal_summary(terminalreporter):
    if REPORT_LINES:
        terminalreporter.section("textclf reference report")
        for line in REPORT_LINES:
            terminalreporter.write_line(line)


def in_ci():
    return os.environ.get("CI", "").lower() == "true"


def skip_or_fail(reason):
    """Missing prerequisites: a loud failure under CI=true, a skip otherwise."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: missing prerequisites are a failure)", pytrace=False)
    pytest.skip(reason)


def read_csv(path):
    """(labels, texts) of a label,text CSV, gzip-compressed or not."""
    csv.field_size_limit(sys.maxsize)
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        assert header == ["label", "text"], f"unexpected header {header!r} in {path}"
        labels, texts = [], []
        for row in reader:
            assert len(row) == 2, f"bad record in {path}: {row[:1]!r}"
            labels.append(row[0])
            texts.append(row[1])
    return labels, texts


@pytest.fixture(scope="session")
def repo_root():
    return REPO_ROOT


@pytest.fixture(scope="session")
def textclf_bin():
    p = Path(os.environ.get("TEXTCLF_BIN", "target/release/textclf"))
    if not p.is_absolute():
        p = REPO_ROOT / p
    if not p.is_file():
        skip_or_fail(f"textclf binary not found at {p} (build it with `cargo build --release`)")
    return p


@pytest.fixture(scope="session")
def run_textclf(textclf_bin):
    """Run the CLI; returns the CompletedProcess (text mode, stdout and stderr captured)."""

    def run(*args, timeout=1800):
        return subprocess.run(
            [str(textclf_bin), *map(str, args)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
            cwd=REPO_ROOT,
            stdin=subprocess.DEVNULL,
        )

    return run


@pytest.fixture(scope="session")
def data_dir():
    env = os.environ.get("TEXTCLF_DATA_DIR")
    return Path(env) if env else (REPO_ROOT.parent / "shared" / "data")


@pytest.fixture(scope="session")
def train_csv(data_dir):
    p = data_dir / TRAIN_NAME
    if not p.is_file():
        skip_or_fail(f"20 Newsgroups train data not found: {p} (set TEXTCLF_DATA_DIR)")
    return p


@pytest.fixture(scope="session")
def test_csv(data_dir):
    p = data_dir / TEST_NAME
    if not p.is_file():
        skip_or_fail(f"20 Newsgroups test data not found: {p} (set TEXTCLF_DATA_DIR)")
    return p


@pytest.fixture(scope="session")
def train_data(train_csv):
    return read_csv(train_csv)


@pytest.fixture(scope="session")
def test_data(test_csv):
    return read_csv(test_csv)


@pytest.fixture(scope="session")
def session_tmp(tmp_path_factory):
    """A session-wide temporary folder (for CLI outputs shared between tests)."""
    return tmp_path_factory.mktemp("textclf")
