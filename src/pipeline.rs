//! The stages wired together, for the shells (CLI, wasm) to drive and time:
//! [`split_indices`] → vectorize ([`crate::features`]) → [`crate::train::Trainer`] → [`TextClassifier`]
//! (predict, explain, evaluate) → [`report_json`].

use crate::data::{stratified_split, Dataset, LabelSet};
use crate::features::{CsrMatrix, TfidfConfig, TfidfVectorizer};
use crate::metrics::{evaluate, Report};
use crate::model::Model;
use crate::train::TrainConfig;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};

/// Everything that decides what a training run produces.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PipelineConfig {
    /// Tokenizer and TF-IDF settings.
    pub vectorizer: TfidfConfig,
    /// Optimiser settings (seed included).
    pub train: TrainConfig,
}

/// Splits documents with these labels into training and test rows (indices), stratified by
/// label and seeded.
pub fn split_indices<S: AsRef<str>>(labels: &[S], test_size: f64, seed: u64) -> Result<crate::data::Split> {
    let set = LabelSet::fit(labels);
    let y = set.encode_all(labels, "data")?;
    stratified_split(&y, test_size, seed)
}

/// A label with its probability.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scored {
    /// Class name.
    pub label: String,
    /// Probability in `[0, 1]`.
    pub probability: f32,
}

/// A term and how much it moved a class score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermWeight {
    /// The vocabulary term.
    pub term: String,
    /// Its contribution (tf-idf value × weight) to the class score.
    pub weight: f32,
}

/// A trained text classifier: vectorizer, classes and model, with the settings that made it.
#[derive(Debug, Clone)]
pub struct TextClassifier {
    /// Settings it was trained with.
    pub config: PipelineConfig,
    /// The fitted vectorizer.
    pub vectorizer: TfidfVectorizer,
    /// The classes (model output `k` is `labels.names()[k]`).
    pub labels: LabelSet,
    /// The fitted model.
    pub model: Model,
}

impl TextClassifier {
    /// Assembles a classifier, checking that the parts agree.
    pub fn new(config: PipelineConfig, vectorizer: TfidfVectorizer, labels: LabelSet, model: Model) -> Result<Self> {
        let c = model.classifier();
        if c.n_features() != vectorizer.n_features() {
            return Err(Error::ModelFile(format!(
                "the model expects {} features but the vocabulary has {}",
                c.n_features(),
                vectorizer.n_features()
            )));
        }
        if c.n_classes() != labels.len() {
            return Err(Error::ModelFile(format!(
                "the model has {} classes but {} labels are named",
                c.n_classes(),
                labels.len()
            )));
        }
        Ok(TextClassifier { config, vectorizer, labels, model })
    }

    /// Class codes of the most probable class of each text.
    pub fn predict(&self, texts: &[impl AsRef<str>]) -> Vec<u32> {
        self.model.classifier().predict(&self.vectorizer.transform(texts))
    }

    /// Class codes for rows already vectorized.
    pub fn predict_matrix(&self, x: &CsrMatrix) -> Vec<u32> {
        self.model.classifier().predict(x)
    }

    /// The `top_k` most probable labels of `text`, most probable first.
    pub fn predict_proba(&self, text: &str, top_k: usize) -> Vec<Scored> {
        let x = self.vectorizer.transform_one(text);
        let mut p = vec![0.0; self.labels.len()];
        self.model.classifier().probabilities(x.row(0), &mut p);
        let mut order: Vec<usize> = (0..p.len()).collect();
        order.sort_by(|&a, &b| p[b].total_cmp(&p[a]).then(a.cmp(&b)));
        order
            .into_iter()
            .take(top_k.max(1))
            .map(|k| Scored { label: self.labels.names()[k].clone(), probability: p[k] })
            .collect()
    }

    /// The terms of `text` that pushed the score of `label` most (positive first) and
    /// those that pulled it down most, `n` of each.
    pub fn explain(&self, text: &str, label: &str, n: usize) -> Result<(Vec<TermWeight>, Vec<TermWeight>)> {
        let k = self.labels.index_of(label).ok_or_else(|| {
            Error::param("label", format!("{label:?} is not one of the model's classes"))
        })? as usize;
        let x = self.vectorizer.transform_one(text);
        let mut c = self.model.classifier().contributions(x.row(0), k);
        c.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let tw = |&(j, w): &(usize, f32)| TermWeight { term: self.vectorizer.terms()[j].clone(), weight: w };
        let up = c.iter().filter(|e| e.1 > 0.0).take(n).map(tw).collect();
        let down = c.iter().rev().filter(|e| e.1 < 0.0).take(n).map(tw).collect();
        Ok((up, down))
    }

    /// Predicts `data` and scores the predictions: labels that only occur in `data` are
    /// listed in the report (they are never predicted). Returns the report and the predicted
    /// label of each document.
    pub fn evaluate(&self, data: &Dataset) -> Result<(Report, Vec<String>)> {
        let x = self.vectorizer.transform(&data.texts);
        self.evaluate_matrix(&x, &data.labels)
    }

    /// Like [`TextClassifier::evaluate`] for documents already vectorized.
    pub fn evaluate_matrix<S: AsRef<str>>(&self, x: &CsrMatrix, labels: &[S]) -> Result<(Report, Vec<String>)> {
        let pred = self.predict_matrix(x);
        let names = self.labels.union(&LabelSet::fit(labels));
        let y_true = names.encode_all(labels, "test data")?;
        let to_names = |k: u32| names.index_of(&self.labels.names()[k as usize]).expect("union");
        let y_pred: Vec<u32> = pred.iter().map(|&k| to_names(k)).collect();
        let report = evaluate(&y_true, &y_pred, names.names())?;
        let pred_names = pred.iter().map(|&k| self.labels.names()[k as usize].clone()).collect();
        Ok((report, pred_names))
    }
}

/// Wall-clock milliseconds per stage, measured by the shell (the core has no clock).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Timings {
    /// Reading and decoding the input files.
    pub read: f64,
    /// Fitting the vectorizer and vectorizing train and test documents.
    pub vectorize: f64,
    /// Training.
    pub train: f64,
    /// Predicting the test documents and scoring them.
    pub predict: f64,
}

/// Sizes of a run, for the report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct RunSizes {
    /// Training documents.
    pub n_train: usize,
    /// Test documents.
    pub n_test: usize,
    /// Features (vocabulary size).
    pub n_features: usize,
}

/// The report as JSON: scikit-learn's `classification_report(..., output_dict=True)` plus
/// `labels`, `confusion_matrix`, `n_train`, `n_test`, `n_features` and `timings_ms`.
pub fn report_json(report: &Report, sizes: RunSizes, timings: Option<Timings>) -> serde_json::Value {
    let mut v = report.to_json();
    if let Some(obj) = v.as_object_mut() {
        obj.insert("labels".into(), report.labels_json());
        obj.insert("confusion_matrix".into(), report.confusion_json());
        obj.insert("n_train".into(), sizes.n_train.into());
        obj.insert("n_test".into(), sizes.n_test.into());
        obj.insert("n_features".into(), sizes.n_features.into());
        if let Some(t) = timings {
            obj.insert("timings_ms".into(), serde_json::to_value(t).expect("plain numbers"));
        }
    }
    v
}
