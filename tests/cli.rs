//! End-to-end tests of the `textclf` binary on small data written here.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_textclf"))
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("textclf-cli-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(&d).unwrap();
    d
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("runs")
}

fn ok(args: &[&str]) -> Output {
    let out = run(args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out
}

const TOPICS: [(&str, &[&str]); 3] = [
    ("space", &["rocket", "orbit", "launch", "nasa", "planet", "astronaut", "moon", "satellite"]),
    ("cooking", &["recipe", "oven", "flour", "butter", "bake", "garlic", "sauce", "simmer"]),
    ("sports", &["goal", "match", "team", "score", "league", "coach", "season", "player"]),
];

/// Sentences made of topic words with a little shared noise, deterministic.
fn corpus(n_per_class: usize) -> Vec<(String, String)> {
    let noise = ["the", "today", "really", "news", "about", "people", "great", "week"];
    let mut rows = Vec::new();
    for i in 0..n_per_class {
        for (t, (label, words)) in TOPICS.iter().enumerate() {
            let text = format!(
                "{} {} {} {} {}",
                words[(i + t) % 8],
                noise[(i * 3 + t) % 8],
                words[(i * 5 + 1) % 8],
                noise[(i + 2) % 8],
                words[(i * 7 + 3) % 8]
            );
            rows.push((label.to_string(), text));
        }
    }
    rows
}

fn write_csv(path: &Path, rows: &[(String, String)]) {
    let mut w = csv::Writer::from_path(path).unwrap();
    w.write_record(["label", "text"]).unwrap();
    for (l, t) in rows {
        w.write_record([l, t]).unwrap();
    }
    w.flush().unwrap();
}

#[test]
fn train_eval_predict_round_trip_on_csv() {
    let d = tmpdir("roundtrip");
    let (train, test, model) = (d.join("train.csv"), d.join("test.csv"), d.join("m.model"));
    write_csv(&train, &corpus(30));
    write_csv(&test, &corpus(10));
    let p = |x: &PathBuf| x.to_str().unwrap().to_string();
    let out = ok(&["train", &p(&train), "--test", &p(&test), "--out", &p(&model), "--report-json", &p(&d.join("r.json")), "-q"]);
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(report.contains("precision    recall  f1-score   support"), "{report}");
    assert!(report.contains("    accuracy"), "{report}");
    let json: serde_json::Value = serde_json::from_slice(&fs::read(d.join("r.json")).unwrap()).unwrap();
    assert!(json["accuracy"].as_f64().unwrap() > 0.9, "{json}");
    assert_eq!(json["labels"], serde_json::json!(["cooking", "space", "sports"]));
    assert_eq!(json["n_test"], 30);
    for k in ["read", "vectorize", "train", "predict"] {
        assert!(json["timings_ms"][k].as_f64().is_some(), "{k}");
    }
    // eval on the saved model gives the same report.
    let again = ok(&["eval", &p(&model), &p(&test), "-q"]);
    assert_eq!(String::from_utf8(again.stdout).unwrap(), report);
    // predict from arguments and from stdin.
    let out = ok(&["predict", &p(&model), "the rocket reached orbit", "bake the bread in the oven"]);
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "space\ncooking\n");
    let mut child = bin()
        .args(["predict", &p(&model), "--json", "--top-k", "2", "--explain", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(b"the team scored a goal\nnasa moon launch\n").unwrap();
    let out = child.wait_with_output().unwrap();
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["labels"][0]["label"], "sports");
    assert_eq!(lines[0]["labels"].as_array().unwrap().len(), 2);
    assert_eq!(lines[1]["labels"][0]["label"], "space");
    let terms: Vec<&str> =
        lines[1]["explain"]["for"].as_array().unwrap().iter().map(|t| t["term"].as_str().unwrap()).collect();
    assert!(terms.iter().all(|t| ["nasa", "moon", "launch"].contains(t)) && !terms.is_empty(), "{terms:?}");
}

#[test]
fn same_seed_same_split_and_identical_model_bytes() {
    let d = tmpdir("seed");
    let data = d.join("all.csv");
    write_csv(&data, &corpus(40));
    let p = |x: &PathBuf| x.to_str().unwrap().to_string();
    let train = |seed: &str, out: &str| {
        ok(&["train", &p(&data), "--test-size", "0.25", "--seed", seed, "--optimizer", "sgd", "--out", &p(&d.join(out)), "--predictions", &p(&d.join(format!("{out}.csv"))), "-q"]);
        (fs::read(d.join(out)).unwrap(), fs::read(d.join(format!("{out}.csv"))).unwrap())
    };
    let a = train("7", "a");
    let b = train("7", "b");
    assert!(a == b, "same seed: same split and same model bytes");
    let c = train("8", "c");
    assert_ne!(a.1, c.1, "another seed: another split");
    let rows = String::from_utf8(a.1).unwrap();
    assert_eq!(rows.lines().count(), 1 + 30, "25% of 120 documents, plus the header");
}

#[test]
fn directory_of_label_folders_and_jsonl_input() {
    let d = tmpdir("folders");
    let root = d.join("corpus");
    for (i, (label, text)) in corpus(12).iter().enumerate() {
        fs::create_dir_all(root.join(label)).unwrap();
        fs::write(root.join(label).join(format!("{i:03}.txt")), text).unwrap();
    }
    fs::write(root.join("README"), "not in a label folder").unwrap();
    let jsonl = d.join("test.jsonl");
    let lines: Vec<String> = corpus(5)
        .iter()
        .map(|(l, t)| serde_json::json!({"category": l, "body": t}).to_string())
        .collect();
    fs::write(&jsonl, lines.join("\n")).unwrap();
    let out = ok(&[
        "train", root.to_str().unwrap(), "--test", jsonl.to_str().unwrap(),
        "--label-col", "category", "--text-col", "body",
    ]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("36 documents"), "{err}");
    assert!(err.contains("1 skipped"), "the stray file is counted: {err}");
    assert!(err.contains("15 documents"), "{err}");
}

#[test]
fn vectorize_writes_npz_and_vocabulary() {
    let d = tmpdir("npz");
    let data = d.join("x.csv");
    write_csv(&data, &corpus(4));
    let out = d.join("X.npz");
    ok(&["vectorize", data.to_str().unwrap(), "--out", out.to_str().unwrap(), "--stop-words", "english", "-q"]);
    let vocab: Vec<String> = serde_json::from_slice(&fs::read(d.join("X.vocab.json")).unwrap()).unwrap();
    assert!(vocab.windows(2).all(|w| w[0] < w[1]) && !vocab.contains(&"the".to_string()));
    let mut zip = zip::ZipArchive::new(fs::File::open(&out).unwrap()).unwrap();
    let mut names: Vec<String> = zip.file_names().map(|n| n.unwrap().to_string()).collect();
    names.sort();
    assert_eq!(names, ["data.npy", "format.npy", "indices.npy", "indptr.npy", "shape.npy"]);
    let mut shape = Vec::new();
    std::io::Read::read_to_end(&mut zip.by_name("shape.npy").unwrap(), &mut shape).unwrap();
    assert_eq!(&shape[..6], b"\x93NUMPY");
    assert_eq!(shape.len() % 16, 0, "header padded, then two int64");
    let n = shape.len();
    assert_eq!(i64::from_le_bytes(shape[n - 16..n - 8].try_into().unwrap()), 12);
    assert_eq!(i64::from_le_bytes(shape[n - 8..].try_into().unwrap()), vocab.len() as i64);
}

#[test]
fn stop_words_from_a_file() {
    let d = tmpdir("stop");
    let data = d.join("x.csv");
    write_csv(&data, &corpus(4));
    fs::write(d.join("stop.txt"), "# mine\nrocket\nrecipe\n").unwrap();
    let out = d.join("X.npz");
    ok(&["vectorize", data.to_str().unwrap(), "--out", out.to_str().unwrap(), "--stop-words", d.join("stop.txt").to_str().unwrap(), "-q"]);
    let vocab: Vec<String> = serde_json::from_slice(&fs::read(d.join("X.vocab.json")).unwrap()).unwrap();
    assert!(!vocab.contains(&"rocket".into()) && !vocab.contains(&"recipe".into()) && vocab.contains(&"the".into()));
}

#[test]
fn errors_and_exit_codes() {
    let d = tmpdir("errors");
    for args in [vec!["--help"], vec!["train", "--help"], vec!["eval", "--help"], vec!["predict", "--help"], vec!["vectorize", "--help"]] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("Usage:"));
    }
    assert_eq!(run(&["train"]).status.code(), Some(2));
    assert_eq!(run(&["train", "x.csv", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(run(&["train", "x.csv", "--optimizer", "lbfgs"]).status.code(), Some(2));
    let missing = run(&["train", d.join("nope.csv").to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nope.csv"));
    let bad = d.join("bad.csv");
    fs::write(&bad, "label,text\nspace,rocket launch\nsports,goal,extra\n").unwrap();
    let out = run(&["train", bad.to_str().unwrap(), "--test-size", "0.5"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.csv, line 3") && err.contains("expected 2 fields"), "{err}");
    let one_class = d.join("one.csv");
    fs::write(&one_class, "label,text\na,rocket launch\na,moon orbit\n").unwrap();
    let out = run(&["train", one_class.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least 2"));
    let data = d.join("ok.csv");
    write_csv(&data, &corpus(4));
    let out = run(&["train", data.to_str().unwrap(), "--max-df", "2.5"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--max-df"));
    let junk = d.join("junk.model");
    fs::write(&junk, b"\x00\x01garbage").unwrap();
    let out = run(&["predict", junk.to_str().unwrap(), "hello"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("junk.model"));
}
