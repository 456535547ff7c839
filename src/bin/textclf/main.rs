//! `textclf`: train, evaluate and use text classifiers from the command line.
//!
//! A thin shell over the library: it reads files, times the stages, shows progress and writes
//! outputs. Exit codes: 0 success, 1 error, 2 usage error.

mod args;
mod input;
mod npz;
mod parallel;
mod progress;

use anyhow::{bail, Context, Result};
use args::{Cli, Command, EvalArgs, PredictArgs, TrainArgs, VectorizeArgs};
use clap::Parser;
use progress::Phase;
use std::io::{BufRead, Write};
use std::path::Path;
use std::time::Instant;
use textclf::metrics::Report;
use textclf::data::{Dataset, LabelSet};
use textclf::features::TfidfVectorizer;
use textclf::model::Model;
use textclf::train::{EpochStats, Trainer};
use textclf::pipeline::{self, PipelineConfig, RunSizes, TextClassifier, Timings};

fn main() {
    let cli = Cli::parse(); // exits with 2 on usage errors, 0 for --help
    let result = match cli.command {
        Command::Train(a) => train(a),
        Command::Eval(a) => eval(a),
        Command::Predict(a) => predict(a),
        Command::Vectorize(a) => vectorize(a),
    };
    if let Err(e) = result {
        eprintln!("textclf: error: {e:#}");
        std::process::exit(1);
    }
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1e3
}

macro_rules! say {
    ($quiet:expr, $($t:tt)*) => { if !$quiet { eprintln!($($t)*); } };
}

fn train(a: TrainArgs) -> Result<()> {
    let quiet = a.quiet;
    let config = PipelineConfig { vectorizer: a.vectorizer.to_config()?, train: a.model.to_config() };
    config.train.validate()?;
    let opts = a.data.to_options()?;

    // Read: the training and the test file at the same time.
    let t = Instant::now();
    let (train_read, test_read) = std::thread::scope(|s| {
        let test = a.test.as_ref().map(|p| s.spawn(|| input::read_dataset(p, &opts)));
        let train = input::read_dataset(&a.train, &opts);
        (train, test.map(|h| h.join().expect("the reader thread does not panic")))
    });
    let (all, stats) = train_read?;
    say!(quiet, "{}", input::describe("train", &a.train, &all, &stats));
    let (train_data, test_data) = match (test_read, a.test_size) {
        (Some(read), _) => {
            let (test, stats) = read?;
            say!(quiet, "{}", input::describe("test", a.test.as_ref().expect("test path"), &test, &stats));
            (all, Some(test))
        }
        (None, Some(size)) => {
            let split = pipeline::split_indices(&all.labels, size, a.seed())?;
            let (train, test) = split_by_rows(all, &split.test);
            say!(quiet, "split (seed {}): {} train, {} test", a.seed(), train.len(), test.len());
            (train, Some(test))
        }
        (None, None) => (all, None),
    };
    let read_ms = ms(t);

    // Vectorize: fit on the training documents (counted on two threads).
    let t = Instant::now();
    let labels = LabelSet::fit(&train_data.labels);
    if labels.len() < 2 {
        bail!("cannot fit: the training data has {} class ({}); at least 2 are needed", labels.len(), labels.names().join(", "));
    }
    let y = labels.encode_all(&train_data.labels, "training data")?;
    let mut phase = Phase::new("vectorize", train_data.len() as u64, quiet);
    let counts = parallel::count_terms(&config.vectorizer, &train_data.texts, &mut |d| phase.update(d as u64, None))?;
    phase.finish();
    let (vectorizer, x) = TfidfVectorizer::fit_counts(config.vectorizer.clone(), &counts)?;
    drop(counts);
    let fit_ms = ms(t);
    let (n_train, n_features, nnz) = (x.n_rows(), vectorizer.n_features(), x.nnz());
    say!(quiet, "vocabulary: {n_features} terms; {nnz} non-zeros in {n_train} training rows");

    // Train on this thread while the other vectorizes the test documents.
    let mut trainer = Trainer::new(config.train.clone(), x, y, labels.len(), None)?;
    let (trained, test_x) = std::thread::scope(|s| {
        let test_x = test_data.as_ref().map(|d| {
            s.spawn(|| {
                let t = Instant::now();
                (vectorizer.transform(&d.texts), ms(t))
            })
        });
        let t = Instant::now();
        let trained = train_epochs(&mut trainer, quiet).map(|last| (last, ms(t)));
        (trained, test_x.map(|h| h.join().expect("the vectorizing thread does not panic")))
    });
    let (last, train_ms) = trained?;
    say!(quiet, "trained: {} epochs, final training loss {:.5}", last.epoch, last.train_loss);
    let clf = TextClassifier::new(config, vectorizer, labels, Model::Softmax(trainer.model()?))?;

    let mut summary = serde_json::json!({ "n_train": n_train });
    if let (Some(test), Some((x_test, transform_ms))) = (&test_data, test_x) {
        let t = Instant::now();
        let (report, predicted) = clf.evaluate_matrix(&x_test, &test.labels)?;
        let predict_ms = ms(t);
        // The test documents were vectorized during training, on the other thread.
        let vectorize_ms = fit_ms + transform_ms;
        let timings = Timings { read: read_ms, vectorize: vectorize_ms, train: train_ms, predict: predict_ms };
        let sizes = RunSizes { n_train, n_test: test.len(), n_features };
        summary = serde_json::json!({ "accuracy": report.accuracy(), "n_train": n_train, "n_test": test.len() });
        write_outputs(&report, &test.labels, &predicted, sizes, Some(timings), &a.outputs)?;
        say!(quiet, "accuracy {:.4} on {} test documents", report.accuracy(), test.len());
        say!(quiet, "time (ms): read {read_ms:.0}, vectorize {vectorize_ms:.0} (test documents during training), train {train_ms:.0}, predict {predict_ms:.0}");
    }
    if let Some(out) = &a.out {
        let clf = match a.prune {
            Some(t) => {
                let pruned = textclf::format::prune(&clf, t)?;
                say!(quiet, "pruned {} of {} features", clf.vectorizer.n_features() - pruned.vectorizer.n_features(), clf.vectorizer.n_features());
                pruned
            }
            None => clf,
        };
        let opts = textclf::format::SaveOptions { weights: a.quantize };
        let bytes = textclf::format::save(&clf, summary, &opts)?;
        std::fs::write(out, &bytes).with_context(|| format!("cannot write {}", out.display()))?;
        say!(quiet, "model written to {} ({} bytes)", out.display(), bytes.len());
    }
    Ok(())
}

/// Splits `data` into the rows not in `test_rows` and those in it (both in file order),
/// moving the texts rather than copying them.
fn split_by_rows(data: Dataset, test_rows: &[usize]) -> (Dataset, Dataset) {
    let mut is_test = vec![false; data.len()];
    for &i in test_rows {
        is_test[i] = true;
    }
    let (mut train, mut test) = (Dataset::default(), Dataset::default());
    for ((text, label), t) in data.texts.into_iter().zip(data.labels).zip(is_test) {
        if t { test.push(label, text) } else { train.push(label, text) }
    }
    (train, test)
}

/// Runs every epoch, with a progress bar; returns the last epoch's statistics.
fn train_epochs(trainer: &mut Trainer, quiet: bool) -> Result<EpochStats> {
    let mut phase = Phase::new("train", trainer.total_epochs() as u64, quiet);
    let mut last = None;
    while !trainer.is_done() {
        let s = trainer.epoch()?;
        phase.update(s.epoch as u64, Some(format!("loss {:.4}", s.train_loss)));
        last = Some(s);
    }
    phase.finish();
    last.ok_or_else(|| anyhow::anyhow!("no epoch was run"))
}

fn write_outputs(
    report: &Report,
    truth: &[String],
    predicted: &[String],
    sizes: RunSizes,
    timings: Option<Timings>,
    o: &args::OutputArgs,
) -> Result<()> {
    print!("{}", report.to_text(o.digits));
    std::io::stdout().flush()?;
    if let Some(path) = &o.report_json {
        let json = pipeline::report_json(report, sizes, timings);
        std::fs::write(path, serde_json::to_string_pretty(&json)? + "\n")
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    if let Some(path) = &o.predictions {
        let mut w = csv::Writer::from_path(path).with_context(|| format!("cannot write {}", path.display()))?;
        w.write_record(["true", "predicted"])?;
        for (t, p) in truth.iter().zip(predicted) {
            w.write_record([t, p])?;
        }
        w.flush()?;
    }
    Ok(())
}

fn load_model(path: &Path) -> Result<(TextClassifier, serde_json::Value)> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    textclf::format::load_with_summary(&bytes).with_context(|| format!("cannot load {}", path.display()))
}

fn eval(a: EvalArgs) -> Result<()> {
    let (clf, summary) = load_model(&a.model)?;
    let t = Instant::now();
    let (test, stats) = input::read_dataset(&a.test, &a.data.to_options()?)?;
    let read_ms = ms(t);
    say!(a.quiet, "{}", input::describe("test", &a.test, &test, &stats));
    let t = Instant::now();
    let x = clf.vectorizer.transform(&test.texts);
    let vectorize_ms = ms(t);
    let t = Instant::now();
    let (report, predicted) = clf.evaluate_matrix(&x, &test.labels)?;
    let timings = Timings { read: read_ms, vectorize: vectorize_ms, train: 0.0, predict: ms(t) };
    let n_train = summary["n_train"].as_u64().unwrap_or(0) as usize;
    let sizes = RunSizes { n_train, n_test: test.len(), n_features: clf.vectorizer.n_features() };
    write_outputs(&report, &test.labels, &predicted, sizes, Some(timings), &a.outputs)?;
    say!(a.quiet, "accuracy {:.4} on {} documents", report.accuracy(), test.len());
    Ok(())
}

fn predict(a: PredictArgs) -> Result<()> {
    let (clf, _) = load_model(&a.model)?;
    let texts: Vec<String> = if a.texts.is_empty() {
        std::io::stdin().lock().lines().collect::<std::io::Result<_>>().context("cannot read stdin")?
    } else {
        a.texts.clone()
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for text in &texts {
        let top = clf.predict_proba(text, a.top_k);
        if a.json {
            let mut v = serde_json::json!({ "text": text, "labels": top });
            if a.explain > 0 {
                let (up, down) = clf.explain(text, &top[0].label, a.explain)?;
                v["explain"] = serde_json::json!({ "label": top[0].label, "for": up, "against": down });
            }
            writeln!(out, "{v}")?;
        } else if a.top_k <= 1 {
            writeln!(out, "{}", top[0].label)?;
        } else {
            let parts: Vec<String> = top.iter().map(|s| format!("{} {:.4}", s.label, s.probability)).collect();
            writeln!(out, "{}", parts.join("\t"))?;
        }
    }
    Ok(())
}

fn vectorize(a: VectorizeArgs) -> Result<()> {
    let config = a.vectorizer.to_config()?;
    let (data, stats) = input::read_dataset(&a.train, &a.data.to_options()?)?;
    say!(a.quiet, "{}", input::describe("input", &a.train, &data, &stats));
    let mut phase = Phase::new("vectorize", data.len() as u64, a.quiet);
    let (v, x) = textclf::features::TfidfVectorizer::fit_transform(config, &data.texts, &mut |d| phase.update(d as u64, None))?;
    phase.finish();
    npz::write_csr(&a.out, &x)?;
    let vocab = a.out.with_extension("vocab.json");
    std::fs::write(&vocab, serde_json::to_string(v.terms())?)
        .with_context(|| format!("cannot write {}", vocab.display()))?;
    say!(a.quiet, "{} × {} matrix ({} non-zeros) written to {}; vocabulary to {}",
        x.n_rows(), x.n_cols(), x.nnz(), a.out.display(), vocab.display());
    Ok(())
}
