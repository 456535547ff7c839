//! `textclf`: train, evaluate and use text classifiers from the command line.
//!
//! A thin shell over the library: it reads files, times the stages, shows progress and writes
//! outputs. Exit codes: 0 success, 1 error, 2 usage error.

mod args;
mod input;
mod npz;
mod progress;

use anyhow::{Context, Result};
use args::{Cli, Command, EvalArgs, PredictArgs, TrainArgs, VectorizeArgs};
use clap::Parser;
use progress::Phase;
use std::io::{BufRead, Write};
use std::path::Path;
use std::time::Instant;
use textclf::metrics::Report;
use textclf::session::Session;
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
    let mut session = Session::new();
    session.set_held_out_loss(false);

    let t = Instant::now();
    let (train_data, stats) = input::read_dataset(&a.train, &opts)?;
    say!(quiet, "{}", input::describe("train", &a.train, &train_data, &stats));
    let n_docs = train_data.len() as u64;
    session.set_train(train_data);
    if let Some(path) = &a.test {
        let (test, stats) = input::read_dataset(path, &opts)?;
        say!(quiet, "{}", input::describe("test", path, &test, &stats));
        session.set_test(Some(test));
    }
    let read_ms = ms(t);

    let t = Instant::now();
    let mut phase = Phase::new("vectorize", n_docs, quiet);
    let prep = session.prepare(config, a.test_size, &mut |d| phase.update(d as u64, None))?;
    phase.finish();
    let vectorize_ms = ms(t);
    if a.test.is_none() && a.test_size.is_some() {
        say!(quiet, "split (seed {}): {} train, {} test", a.seed(), prep.n_train, prep.n_test);
    }
    say!(quiet, "vocabulary: {} terms; {} non-zeros in {} training rows", prep.n_features, prep.nnz, prep.n_train);

    let t = Instant::now();
    let mut phase = Phase::new("train", prep.epochs as u64, quiet);
    let mut last = None;
    loop {
        let p = session.train_steps(usize::MAX)?;
        if let Some(s) = p.stats {
            phase.update(s.epoch as u64, Some(format!("loss {:.4}", s.train_loss)));
            last = Some(s);
        }
        if p.done {
            break;
        }
    }
    phase.finish();
    let train_ms = ms(t);
    if let Some(s) = last {
        say!(quiet, "trained: {} epochs, final training loss {:.5}", s.epoch, s.train_loss);
    }

    let t = Instant::now();
    let (clf, eval) = session.finish()?;
    let predict_ms = ms(t);
    let mut summary = serde_json::json!({ "n_train": prep.n_train });
    if let Some(eval) = eval {
        let timings = Timings { read: read_ms, vectorize: vectorize_ms, train: train_ms, predict: predict_ms };
        let sizes = RunSizes { n_train: prep.n_train, n_test: prep.n_test, n_features: prep.n_features };
        summary = serde_json::json!({ "accuracy": eval.report.accuracy(), "n_train": sizes.n_train, "n_test": sizes.n_test });
        write_outputs(&eval.report, &eval.truth, &eval.predicted, sizes, Some(timings), &a.outputs)?;
        say!(quiet, "accuracy {:.4} on {} test documents", eval.report.accuracy(), prep.n_test);
        say!(quiet, "time (ms): read {read_ms:.0}, vectorize {vectorize_ms:.0}, train {train_ms:.0}, predict {predict_ms:.0}");
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
