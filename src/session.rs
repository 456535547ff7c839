//! A training session as a state machine the shells drive step by step: load data → prepare
//! (split, vectorize) → train in slices of steps (progress, cancel between slices) → finish
//! (model + evaluation). The browser worker holds one; the CLI uses the same calls.

use crate::data::{Dataset, LabelSet};
use crate::features::vocabulary::{CountScratch, TermCounts};
use crate::features::{CsrMatrix, TfidfVectorizer};
use crate::text::Analyzer;
use crate::model::Model;
use crate::pipeline::{self, PipelineConfig, TextClassifier};
use crate::train::{EpochStats, Trainer};
use crate::{Error, Result};
use serde::Serialize;

mod evaluation;
pub use evaluation::{evaluate_with_mistakes, top_terms, Evaluation, Mistake, MAX_MISTAKES, SNIPPET_CHARS};

/// What `prepare` produced.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Prepared {
    /// Training documents.
    pub n_train: usize,
    /// Test documents (0 without a test set).
    pub n_test: usize,
    /// Vocabulary size.
    pub n_features: usize,
    /// Non-zeros of the training matrix.
    pub nnz: usize,
    /// Epochs the run will do.
    pub epochs: usize,
}

/// Where training stands after a slice of steps.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    /// Epochs completed.
    pub epoch: usize,
    /// Epochs in the run.
    pub epochs: usize,
    /// Fraction of the whole run done, in `[0, 1]`.
    pub fraction: f64,
    /// Whether training is complete.
    pub done: bool,
    /// Statistics of the epoch that ended in this slice, if one did.
    pub stats: Option<EpochStats>,
}

/// Most test documents whose loss is computed after every epoch (for the loss curves).
pub const HELD_OUT_LOSS_ROWS: usize = 2000;

/// Which documents a run is tested on.
enum TestRows {
    /// The separate test set.
    Separate,
    /// These rows of the training data (a split).
    Split(Vec<usize>),
}

struct Run {
    config: PipelineConfig,
    vectorizer: crate::features::TfidfVectorizer,
    labels: LabelSet,
    trainer: Trainer,
    test: Option<(TestRows, CsrMatrix)>,
    history: Vec<EpochStats>,
}

/// Loaded data and, once prepared, a run in progress.
#[derive(Default)]
pub struct Session {
    train: Option<Dataset>,
    test: Option<Dataset>,
    run: Option<Run>,
    job: Option<Job>,
    prepared: Option<Prepared>,
    skip_held_out_loss: bool,
}

/// A preparation in progress (see [`Session::prepare_step`]).
struct Job {
    config: PipelineConfig,
    train_rows: Vec<usize>,
    test: Option<TestRows>,
    labels: LabelSet,
    y: Vec<u32>,
    analyzer: Analyzer,
    counts: TermCounts,
    scratch: CountScratch,
    fitted: Option<(TfidfVectorizer, CsrMatrix)>,
    test_x: Option<CsrMatrix>,
    cursor: usize,
}

/// Which part of the preparation a step worked on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// Counting the terms of the training documents.
    Vectorize,
    /// Vectorizing the test documents.
    Transform,
    /// Ready to train.
    Done,
}

/// Where a preparation stands after a step.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PrepareProgress {
    /// The stage the step worked on.
    pub stage: Stage,
    /// Documents of that stage done.
    pub done: usize,
    /// Documents of that stage in all.
    pub total: usize,
    /// The summary, once the preparation is complete.
    pub prepared: Option<Prepared>,
}

impl Session {
    /// An empty session.
    pub fn new() -> Self {
        Session::default()
    }
    /// Whether to compute the loss on the test documents after every epoch (for loss curves;
    /// on by default).
    pub fn set_held_out_loss(&mut self, on: bool) {
        self.skip_held_out_loss = !on;
    }
    /// Sets the training documents (drops any run in progress).
    pub fn set_train(&mut self, data: Dataset) {
        self.train = Some(data);
        self.run = None;
        self.job = None;
    }
    /// Sets or clears the separate test documents (drops any run in progress).
    pub fn set_test(&mut self, data: Option<Dataset>) {
        self.test = data;
        self.run = None;
        self.job = None;
    }
    /// The training documents, if loaded.
    pub fn train_data(&self) -> Option<&Dataset> {
        self.train.as_ref()
    }

    /// Splits (when there is no separate test set and `test_size` is given), fits the
    /// vectorizer on the training part and starts a trainer, all in one call. The loaded data
    /// is kept, so a session can be prepared again with other settings. Shells that must stay
    /// responsive use [`Session::start_prepare`] and [`Session::prepare_step`] instead.
    pub fn prepare(
        &mut self,
        config: PipelineConfig,
        test_size: Option<f64>,
        progress: &mut dyn FnMut(usize),
    ) -> Result<Prepared> {
        self.start_prepare(config, test_size)?;
        loop {
            match self.prepare_step(512)? {
                PrepareProgress { prepared: Some(p), .. } => return Ok(p),
                p if p.stage == Stage::Vectorize => progress(p.done),
                _ => {}
            }
        }
    }

    /// Begins preparing: checks the settings, splits, and sets up the vectorizer fit that
    /// [`Session::prepare_step`] then advances document by document.
    pub fn start_prepare(&mut self, config: PipelineConfig, test_size: Option<f64>) -> Result<()> {
        self.run = None;
        self.job = None;
        self.prepared = None;
        config.train.validate()?;
        config.vectorizer.validate()?;
        let all = self.train.as_ref().ok_or_else(|| Error::Fit("no training data is loaded".into()))?;
        let (train_rows, test) = match (&self.test, test_size) {
            (Some(_), _) => ((0..all.len()).collect(), Some(TestRows::Separate)),
            (None, Some(size)) if size > 0.0 => {
                let split = pipeline::split_indices(&all.labels, size, config.train.seed)?;
                (split.train, Some(TestRows::Split(split.test)))
            }
            (None, _) => ((0..all.len()).collect::<Vec<_>>(), None),
        };
        let train_labels: Vec<&str> = train_rows.iter().map(|&i| all.labels[i].as_str()).collect();
        let labels = LabelSet::fit(&train_labels);
        if labels.len() < 2 {
            return Err(Error::Fit(format!(
                "the training data has {} class ({}); at least 2 are needed",
                labels.len(),
                labels.names().join(", ")
            )));
        }
        let y = labels.encode_all(&train_labels, "training data")?;
        let analyzer = Analyzer::new(config.vectorizer.analyzer.clone())?;
        self.job = Some(Job {
            config,
            train_rows,
            test,
            labels,
            y,
            analyzer,
            counts: TermCounts::new(),
            scratch: CountScratch::default(),
            fitted: None,
            test_x: None,
            cursor: 0,
        });
        Ok(())
    }

    /// Advances the preparation by at most `max_docs` documents: counting the training
    /// documents, then vectorizing the test documents. When it is done, the run is ready to
    /// train and the result carries the summary.
    pub fn prepare_step(&mut self, max_docs: usize) -> Result<PrepareProgress> {
        let job = self.job.as_mut().ok_or_else(|| Error::Fit("call start_prepare first".into()))?;
        let all = self.train.as_ref().expect("training data");
        let max_docs = max_docs.max(1);
        if job.fitted.is_none() {
            let total = job.train_rows.len();
            let end = (job.cursor + max_docs).min(total);
            for &i in &job.train_rows[job.cursor..end] {
                job.counts.add(&mut job.analyzer, &all.texts[i], &mut job.scratch);
            }
            job.cursor = end;
            if end < total {
                return Ok(PrepareProgress { stage: Stage::Vectorize, done: end, total, prepared: None });
            }
            let counts = std::mem::take(&mut job.counts);
            job.fitted = Some(TfidfVectorizer::fit_counts(job.config.vectorizer.clone(), &counts)?);
            job.cursor = 0;
        }
        let (vectorizer, _) = job.fitted.as_ref().expect("fitted");
        if let Some(rows) = &job.test {
            let x = job.test_x.get_or_insert_with(|| CsrMatrix::new(vectorizer.n_features()));
            let texts: Vec<&str> = match rows {
                TestRows::Separate => self.test.as_ref().expect("test set").texts.iter().map(String::as_str).collect(),
                TestRows::Split(r) => r.iter().map(|&i| all.texts[i].as_str()).collect(),
            };
            let total = texts.len();
            let end = (job.cursor + max_docs).min(total);
            vectorizer.transform_append(x, &texts[job.cursor..end]);
            job.cursor = end;
            if end < total {
                return Ok(PrepareProgress { stage: Stage::Transform, done: end, total, prepared: None });
            }
        }
        let job = self.job.take().expect("job");
        let prepared = self.start_run(job)?;
        Ok(PrepareProgress { stage: Stage::Done, done: prepared.n_train, total: prepared.n_train, prepared: Some(prepared) })
    }

    fn start_run(&mut self, job: Job) -> Result<Prepared> {
        let (vectorizer, x) = job.fitted.expect("fitted");
        let test_labels: Option<Vec<&str>> = job.test.as_ref().map(|rows| match rows {
            TestRows::Separate => self.test.as_ref().expect("test set").labels.iter().map(String::as_str).collect(),
            TestRows::Split(r) => {
                let all = self.train.as_ref().expect("training data");
                r.iter().map(|&i| all.labels[i].as_str()).collect()
            }
        });
        // Held-out loss for the curves: the test rows whose label the model knows, at most
        // HELD_OUT_LOSS_ROWS of them, evenly spaced (an estimate that costs little per epoch).
        let valid = match (&job.test_x, &test_labels) {
            (Some(tx), Some(labels)) if !self.skip_held_out_loss => {
                let every = labels.len().div_ceil(HELD_OUT_LOSS_ROWS).max(1);
                let (rows, y): (Vec<usize>, Vec<u32>) = labels
                    .iter()
                    .enumerate()
                    .step_by(every)
                    .filter_map(|(i, l)| job.labels.index_of(l).map(|k| (i, k)))
                    .unzip();
                (!rows.is_empty()).then(|| (tx.select_rows(&rows), y))
            }
            _ => None,
        };
        let summary = Prepared {
            n_train: job.train_rows.len(),
            n_test: test_labels.as_ref().map_or(0, Vec::len),
            n_features: vectorizer.n_features(),
            nnz: x.nnz(),
            epochs: job.config.train.resolved_epochs(),
        };
        let n_classes = job.labels.len();
        let trainer = Trainer::new(job.config.train.clone(), x, job.y, n_classes, valid)?;
        let test = job.test.zip(job.test_x);
        self.prepared = Some(summary);
        self.run = Some(Run {
            config: job.config,
            vectorizer,
            labels: job.labels,
            trainer,
            test,
            history: Vec::new(),
        });
        Ok(summary)
    }

    /// Runs at most `max_steps` optimisation steps.
    pub fn train_steps(&mut self, max_steps: usize) -> Result<Progress> {
        let run = self.run.as_mut().ok_or_else(|| Error::Fit("call prepare before training".into()))?;
        let stats = run.trainer.advance(max_steps.max(1))?;
        if let Some(s) = stats {
            run.history.push(s);
        }
        let (epoch, epochs) = (run.trainer.epochs_done(), run.trainer.total_epochs());
        let done = run.trainer.is_done();
        let fraction = if done { 1.0 } else { (epoch as f64 + run.trainer.epoch_fraction()) / epochs as f64 };
        Ok(Progress { epoch, epochs, fraction, done, stats })
    }

    /// What the last `prepare` produced.
    pub fn prepared(&self) -> Option<Prepared> {
        self.prepared
    }

    /// Loss per completed epoch.
    pub fn history(&self) -> &[EpochStats] {
        self.run.as_ref().map_or(&[], |r| &r.history)
    }

    /// Builds the classifier from the run (trained or not to the end) and evaluates it on the
    /// test documents, if any. The run stays available (e.g. to read the history).
    pub fn finish(&mut self) -> Result<(TextClassifier, Option<Evaluation>)> {
        let run = self.run.as_ref().ok_or_else(|| Error::Fit("call prepare before finish".into()))?;
        let model = Model::Softmax(run.trainer.model()?);
        let clf = TextClassifier::new(run.config.clone(), run.vectorizer.clone(), run.labels.clone(), model)?;
        let eval = match &run.test {
            Some((TestRows::Separate, x)) => {
                let t = self.test.as_ref().expect("a separate test set");
                Some(evaluate_with_mistakes(&clf, &t.texts, &t.labels, x)?)
            }
            Some((TestRows::Split(rows), x)) => {
                let all = self.train.as_ref().expect("training data");
                let texts: Vec<&str> = rows.iter().map(|&i| all.texts[i].as_str()).collect();
                let labels: Vec<&str> = rows.iter().map(|&i| all.labels[i].as_str()).collect();
                Some(evaluate_with_mistakes(&clf, &texts, &labels, x)?)
            }
            None => None,
        };
        Ok((clf, eval))
    }
}

#[cfg(test)]
mod tests;
