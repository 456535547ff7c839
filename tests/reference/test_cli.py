"""CLI conventions: help exits 0, usage errors exit 2, input errors exit 1 with a clear message."""

import re

from conftest import report


def test_help(run_textclf):
    for args in (["--help"], ["train", "--help"]):
        proc = run_textclf(*args)
        assert proc.returncode == 0, f"textclf {' '.join(args)} exited {proc.returncode}"
        assert proc.stdout.strip(), f"textclf {' '.join(args)} printed no help"


def test_unknown_flag_exits_2(run_textclf):
    for args in (["--no-such-flag"], ["train", "examples/demo.csv", "--no-such-flag"]):
        proc = run_textclf(*args)
        assert proc.returncode == 2, f"textclf {' '.join(args)} exited {proc.returncode}, want 2"


def test_missing_file_exits_1(run_textclf, tmp_path):
    missing = tmp_path / "no-such-file.csv"
    proc = run_textclf("train", missing, "--test-size", "0.25")
    assert proc.returncode == 1, f"exited {proc.returncode}, want 1; stderr:\n{proc.stderr}"
    assert "no-such-file.csv" in proc.stderr, f"stderr does not name the file:\n{proc.stderr}"


def test_malformed_csv_exits_1_and_names_line(run_textclf, tmp_path):
    bad = tmp_path / "bad.csv"
    # Line 5 has three fields where the header has two.
    bad.write_text(
        "label,text\r\n"
        "a,first text\r\n"
        "b,second text\r\n"
        "a,third text\r\n"
        "b,fourth,text with an extra field\r\n"
        "a,sixth text\r\n",
        encoding="utf-8",
    )
    proc = run_textclf("train", bad, "--test-size", "0.25")
    assert proc.returncode == 1, f"exited {proc.returncode}, want 1; stderr:\n{proc.stderr}"
    assert re.search(r"line\D{0,4}5\b", proc.stderr, re.I), f"stderr does not name line 5:\n{proc.stderr}"
    report(f"malformed CSV message: {proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ''}")


def test_demo_dataset_trains(run_textclf):
    # The bundled demo (used by `npm start` without the 20 Newsgroups data) must work.
    proc = run_textclf("train", "examples/demo.csv", "--test-size", "0.25")
    assert proc.returncode == 0, f"exited {proc.returncode}; stderr:\n{proc.stderr[-2000:]}"
    assert "accuracy" in proc.stdout
