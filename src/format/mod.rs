//! The model file.
//!
//! Interim format (until the safetensors open-weights format lands): one JSON document,
//! `{"format": "textclf-model", "version": 0, "textclf_version", "labels": [...],
//! "config": {vectorizer, train}, "vocabulary": [...], "idf": [...],
//! "model": {"kind": "softmax", "n_features", "n_classes", "weights": [row-major
//! n_features × n_classes], "bias": [...]}, "summary": {...}}`. Everything needed to
//! re-implement prediction is in it: tokenize with the analyzer settings, look up the
//! vocabulary (terms in column order), weight by `tf × idf` (sublinear if set), l2-normalise,
//! multiply by the weights, add the bias, softmax.

use crate::data::LabelSet;
use crate::features::TfidfVectorizer;
use crate::model::{Model, SoftmaxRegression};
use crate::pipeline::{PipelineConfig, TextClassifier};
use crate::{Error, Result};
use ndarray::{Array1, Array2};
use serde::{Deserialize, Serialize};

/// Name in the `format` field.
pub const FORMAT_NAME: &str = "textclf-model";
/// Version written by this build; files of a higher version are refused.
pub const FORMAT_VERSION: u32 = 0;

#[derive(Serialize, Deserialize)]
struct FileModel {
    kind: String,
    n_features: usize,
    n_classes: usize,
    weights: Vec<f32>,
    bias: Vec<f32>,
}

#[derive(Serialize, Deserialize)]
struct File {
    format: String,
    version: u32,
    textclf_version: String,
    labels: Vec<String>,
    config: PipelineConfig,
    vocabulary: Vec<String>,
    idf: Vec<f32>,
    model: FileModel,
    #[serde(default)]
    summary: serde_json::Value,
}

/// Serialises a classifier (with an evaluation summary, e.g. accuracy) to bytes.
pub fn save(clf: &TextClassifier, summary: serde_json::Value) -> Vec<u8> {
    let Model::Softmax(m) = &clf.model;
    let file = File {
        format: FORMAT_NAME.into(),
        version: FORMAT_VERSION,
        textclf_version: env!("CARGO_PKG_VERSION").into(),
        labels: clf.labels.names().to_vec(),
        config: clf.config.clone(),
        vocabulary: clf.vectorizer.terms().to_vec(),
        idf: clf.vectorizer.idf().to_vec(),
        model: FileModel {
            kind: "softmax".into(),
            n_features: m.weights().nrows(),
            n_classes: m.weights().ncols(),
            weights: m.weights().iter().copied().collect(),
            bias: m.bias().to_vec(),
        },
        summary,
    };
    serde_json::to_vec(&file).expect("serialisable")
}

/// Reads a classifier from bytes written by [`save`], checking every part.
pub fn load(bytes: &[u8]) -> Result<TextClassifier> {
    load_with_summary(bytes).map(|(clf, _)| clf)
}

/// Like [`load`], also returning the evaluation summary stored at training time.
pub fn load_with_summary(bytes: &[u8]) -> Result<(TextClassifier, serde_json::Value)> {
    #[derive(Deserialize)]
    struct Head {
        format: Option<String>,
        version: Option<u32>,
    }
    let head: Head = serde_json::from_slice(bytes)
        .map_err(|e| Error::ModelFile(format!("not a textclf model file: {e}")))?;
    if head.format.as_deref() != Some(FORMAT_NAME) {
        return Err(Error::ModelFile(format!("not a textclf model file (format {:?})", head.format)));
    }
    match head.version {
        Some(v) if v <= FORMAT_VERSION => {}
        v => {
            return Err(Error::ModelFile(format!(
                "format version {v:?} is newer than this textclf reads ({FORMAT_VERSION}); upgrade textclf"
            )))
        }
    }
    let f: File = serde_json::from_slice(bytes).map_err(|e| Error::ModelFile(e.to_string()))?;
    if f.model.kind != "softmax" {
        return Err(Error::ModelFile(format!("unknown model kind {:?}", f.model.kind)));
    }
    let (nf, nc) = (f.model.n_features, f.model.n_classes);
    if nf.checked_mul(nc) != Some(f.model.weights.len()) || f.model.bias.len() != nc {
        return Err(Error::ModelFile(format!(
            "weights hold {} values and the bias {}, but the shape is {nf} × {nc}",
            f.model.weights.len(),
            f.model.bias.len()
        )));
    }
    let labels = LabelSet::from_names(f.labels.iter().cloned());
    if labels.names() != f.labels.as_slice() {
        return Err(Error::ModelFile("labels must be sorted and distinct".into()));
    }
    let weights = Array2::from_shape_vec((nf, nc), f.model.weights).expect("checked shape");
    let model = Model::Softmax(SoftmaxRegression::new(weights, Array1::from(f.model.bias))?);
    let vectorizer = TfidfVectorizer::from_parts(f.config.vectorizer.clone(), f.vocabulary, f.idf)?;
    Ok((TextClassifier::new(f.config, vectorizer, labels, model)?, f.summary))
}
