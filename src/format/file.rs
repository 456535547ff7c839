//! Writing and reading the safetensors model file.

use super::quantize::{dequantize_int8, quantize_int8};
use super::{SaveOptions, WeightType, FORMAT_MAJOR, FORMAT_MINOR, FORMAT_NAME};
use crate::data::LabelSet;
use crate::features::{DfBound, Norm, TfidfConfig, TfidfVectorizer};
use crate::model::{Model, SoftmaxRegression};
use crate::pipeline::{PipelineConfig, TextClassifier};
use crate::text::{stop_words::ENGLISH, AnalyzerConfig, StopWords};
use crate::train::TrainConfig;
use crate::{Error, Result};
use ndarray::{Array1, Array2};
use safetensors::tensor::{Dtype, SafeTensors};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The token pattern of the word analyzer, for readers (Python `re` syntax).
pub const TOKEN_PATTERN: &str = r"(?u)\b\w\w+\b";

#[derive(Serialize, Deserialize)]
struct AnalyzerMeta {
    kind: String,
    lowercase: bool,
    token_pattern: String,
    /// `"english"`, `"none"` or `"custom"`.
    stop_words: String,
    /// The words themselves (sorted), whatever `stop_words` says.
    stop_word_list: Vec<String>,
    ngram_range: (usize, usize),
}

#[derive(Serialize, Deserialize)]
struct VectorizerMeta {
    kind: String,
    n_features: usize,
    sublinear_tf: bool,
    smooth_idf: bool,
    norm: Norm,
    min_df: DfBound,
    max_df: DfBound,
    max_features: Option<usize>,
}

#[derive(Serialize, Deserialize)]
struct ModelMeta {
    kind: String,
    n_features: usize,
    n_classes: usize,
    weight_dtype: String,
}

fn bad(msg: impl Into<String>) -> Error {
    Error::ModelFile(msg.into())
}

fn f32_bytes(v: &[f32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

/// Serialises a classifier, with an evaluation summary (e.g. accuracy), as safetensors bytes.
pub fn save(clf: &TextClassifier, summary: serde_json::Value, opts: &SaveOptions) -> Result<Vec<u8>> {
    let Model::Softmax(m) = &clf.model;
    let (f, c) = m.weights().dim();
    let a = &clf.vectorizer.config().analyzer;
    let (sw_name, sw_list): (&str, Vec<String>) = match &a.stop_words {
        StopWords::None => ("none", vec![]),
        StopWords::English => ("english", ENGLISH.iter().map(|w| w.to_string()).collect()),
        StopWords::List(w) => ("custom", w.clone()),
    };
    let v = clf.vectorizer.config();
    let json = |x: &dyn erased::Ser| x.json();
    let mut meta = serde_json::Map::new();
    meta.insert("format".into(), FORMAT_NAME.into());
    meta.insert("format_version".into(), format!("{FORMAT_MAJOR}.{FORMAT_MINOR}").into());
    meta.insert("textclf_version".into(), env!("CARGO_PKG_VERSION").into());
    meta.insert("labels".into(), json(&clf.labels.names().to_vec()).into());
    meta.insert(
        "analyzer".into(),
        json(&AnalyzerMeta {
            kind: "word".into(),
            lowercase: a.lowercase,
            token_pattern: TOKEN_PATTERN.into(),
            stop_words: sw_name.into(),
            stop_word_list: sw_list,
            ngram_range: a.ngram_range,
        })
        .into(),
    );
    meta.insert(
        "vectorizer".into(),
        json(&VectorizerMeta {
            kind: "tfidf".into(),
            n_features: f,
            sublinear_tf: v.sublinear_tf,
            smooth_idf: v.smooth_idf,
            norm: v.norm,
            min_df: v.min_df,
            max_df: v.max_df,
            max_features: v.max_features,
        })
        .into(),
    );
    let dtype = match opts.weights {
        WeightType::F32 => "F32",
        WeightType::Int8 => "I8",
    };
    meta.insert(
        "model".into(),
        json(&ModelMeta { kind: "softmax".into(), n_features: f, n_classes: c, weight_dtype: dtype.into() }).into(),
    );
    meta.insert("training".into(), json(&clf.config.train).into());
    meta.insert("evaluation".into(), summary.to_string().into());
    meta.insert("vocabulary".into(), json(&clf.vectorizer.terms()).into());

    let idf = f32_bytes(clf.vectorizer.idf());
    let bias = f32_bytes(m.bias().as_slice().expect("contiguous"));
    let mut tensors: Vec<(&str, Dtype, Vec<usize>, Vec<u8>)> = vec![
        ("idf", Dtype::F32, vec![f], idf),
        ("softmax.bias", Dtype::F32, vec![c], bias),
    ];
    match opts.weights {
        WeightType::F32 => {
            let t = m.weights().t();
            let w: Vec<f32> = t.iter().copied().collect(); // [n_classes, n_features]
            tensors.push(("softmax.weight", Dtype::F32, vec![c, f], f32_bytes(&w)));
        }
        WeightType::Int8 => {
            let (q, scales) = quantize_int8(m.weights());
            tensors.push(("softmax.weight", Dtype::I8, vec![c, f], q.iter().map(|&v| v as u8).collect()));
            tensors.push(("softmax.weight_scale", Dtype::F32, vec![c], f32_bytes(&scales)));
        }
    }
    Ok(write_safetensors(meta, &tensors))
}

/// Writes the safetensors container by hand so that the bytes are deterministic (the crate's
/// writer orders the metadata by a randomly seeded hash map): 8-byte little-endian header
/// length, the JSON header (metadata first, keys sorted, then tensors in the given order,
/// offsets contiguous from 0) padded with spaces to a multiple of 8, then the data.
fn write_safetensors(
    mut meta: serde_json::Map<String, serde_json::Value>,
    tensors: &[(&str, Dtype, Vec<usize>, Vec<u8>)],
) -> Vec<u8> {
    meta.sort_keys();
    let mut header = serde_json::Map::new();
    header.insert("__metadata__".into(), serde_json::Value::Object(meta));
    let mut offset = 0usize;
    for (name, dtype, shape, data) in tensors {
        let dt = match dtype {
            Dtype::I8 => "I8",
            Dtype::F32 => "F32",
            other => unreachable!("textclf writes no {other:?} tensors"),
        };
        header.insert(
            (*name).into(),
            serde_json::json!({ "dtype": dt, "shape": shape, "data_offsets": [offset, offset + data.len()] }),
        );
        offset += data.len();
    }
    let mut head = serde_json::to_string(&header).expect("plain data").into_bytes();
    while head.len() % 8 != 0 {
        head.push(b' ');
    }
    let mut out = Vec::with_capacity(8 + head.len() + offset);
    out.extend_from_slice(&(head.len() as u64).to_le_bytes());
    out.extend_from_slice(&head);
    for (_, _, _, data) in tensors {
        out.extend_from_slice(data);
    }
    out
}

/// Reads a classifier from model-file bytes, checking every part.
pub fn load(bytes: &[u8]) -> Result<TextClassifier> {
    load_with_summary(bytes).map(|(clf, _)| clf)
}

fn parse<T: for<'de> Deserialize<'de>>(meta: &HashMap<String, String>, key: &str) -> Result<T> {
    let s = meta.get(key).ok_or_else(|| bad(format!("metadata has no {key:?}")))?;
    serde_json::from_str(s).map_err(|e| bad(format!("metadata {key:?} is malformed: {e}")))
}

fn f32_tensor(st: &SafeTensors<'_>, name: &str, shape: &[usize]) -> Result<Vec<f32>> {
    let t = st.tensor(name).map_err(|_| bad(format!("tensor {name:?} is missing")))?;
    if t.dtype() != Dtype::F32 || t.shape() != shape {
        return Err(bad(format!(
            "tensor {name:?} is {:?} {:?}; expected F32 {shape:?} (from the metadata)",
            t.dtype(),
            t.shape()
        )));
    }
    let v: Vec<f32> = t.data().chunks_exact(4).map(|b| f32::from_le_bytes(b.try_into().expect("4"))).collect();
    if let Some(i) = v.iter().position(|x| !x.is_finite()) {
        return Err(bad(format!("tensor {name:?} holds a non-finite value ({}) at {i}", v[i])));
    }
    Ok(v)
}

/// Like [`load`], also returning the evaluation summary stored at training time.
pub fn load_with_summary(bytes: &[u8]) -> Result<(TextClassifier, serde_json::Value)> {
    let st = SafeTensors::deserialize(bytes).map_err(|e| bad(format!("not a readable safetensors file: {e}")))?;
    let (_, header) = SafeTensors::read_metadata(bytes).map_err(|e| bad(e.to_string()))?;
    let meta = header.metadata().clone().ok_or_else(|| bad("no __metadata__: not a textclf model"))?;
    if meta.get("format").map(String::as_str) != Some(FORMAT_NAME) {
        return Err(bad(format!("format is {:?}, not {FORMAT_NAME:?}", meta.get("format"))));
    }
    let version = meta.get("format_version").cloned().unwrap_or_default();
    let major: u32 = version
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .ok_or_else(|| bad(format!("format_version {version:?} is not MAJOR.MINOR")))?;
    if major > FORMAT_MAJOR {
        return Err(bad(format!(
            "format version {version} is newer than this textclf reads ({FORMAT_MAJOR}.x); upgrade textclf"
        )));
    }
    let labels: Vec<String> = parse(&meta, "labels")?;
    let analyzer: AnalyzerMeta = parse(&meta, "analyzer")?;
    let vmeta: VectorizerMeta = parse(&meta, "vectorizer")?;
    let mmeta: ModelMeta = parse(&meta, "model")?;
    let train: TrainConfig = parse(&meta, "training")?;
    let summary: serde_json::Value = parse(&meta, "evaluation").unwrap_or(serde_json::Value::Null);
    if analyzer.kind != "word" || vmeta.kind != "tfidf" || mmeta.kind != "softmax" {
        return Err(bad(format!(
            "unsupported parts: analyzer {:?}, vectorizer {:?}, model {:?}",
            analyzer.kind, vmeta.kind, mmeta.kind
        )));
    }
    let (f, c) = (mmeta.n_features, mmeta.n_classes);
    if vmeta.n_features != f || labels.len() != c {
        return Err(bad(format!(
            "the metadata disagrees: model {f} features × {c} classes, vectorizer {} features, {} labels",
            vmeta.n_features,
            labels.len()
        )));
    }
    let set = LabelSet::from_names(labels.iter().cloned());
    if set.names() != labels.as_slice() {
        return Err(bad("labels must be sorted and distinct"));
    }
    let terms: Vec<String> = parse(&meta, "vocabulary")?;
    if terms.len() != f {
        return Err(bad(format!("vocabulary has {} terms; the metadata says {f}", terms.len())));
    }
    let idf = f32_tensor(&st, "idf", &[f])?;
    let bias = f32_tensor(&st, "softmax.bias", &[c])?;
    let weights = match mmeta.weight_dtype.as_str() {
        "F32" => {
            let w = f32_tensor(&st, "softmax.weight", &[c, f])?;
            Array2::from_shape_vec((c, f), w).expect("checked").reversed_axes().as_standard_layout().into_owned()
        }
        "I8" => {
            let t = st.tensor("softmax.weight").map_err(|_| bad("tensor \"softmax.weight\" is missing"))?;
            if t.dtype() != Dtype::I8 || t.shape() != [c, f] {
                return Err(bad(format!("tensor \"softmax.weight\" is {:?} {:?}; expected I8 [{c}, {f}]", t.dtype(), t.shape())));
            }
            let q: Vec<i8> = t.data().iter().map(|&b| b as i8).collect();
            let scales = f32_tensor(&st, "softmax.weight_scale", &[c])?;
            dequantize_int8(&q, &scales, f)
        }
        other => return Err(bad(format!("unsupported weight dtype {other:?}"))),
    };
    let stop_words = match analyzer.stop_words.as_str() {
        "none" => StopWords::None,
        "english" => StopWords::English,
        "custom" => StopWords::List(analyzer.stop_word_list),
        other => return Err(bad(format!("unknown stop words {other:?}"))),
    };
    let vconfig = TfidfConfig {
        analyzer: AnalyzerConfig { lowercase: analyzer.lowercase, stop_words, ngram_range: analyzer.ngram_range },
        min_df: vmeta.min_df,
        max_df: vmeta.max_df,
        max_features: vmeta.max_features,
        sublinear_tf: vmeta.sublinear_tf,
        smooth_idf: vmeta.smooth_idf,
        norm: vmeta.norm,
    };
    let vectorizer = TfidfVectorizer::from_parts(vconfig.clone(), terms, idf)?;
    let model = Model::Softmax(SoftmaxRegression::new(weights, Array1::from(bias))?);
    let config = PipelineConfig { vectorizer: vconfig, train };
    Ok((TextClassifier::new(config, vectorizer, set, model)?, summary))
}

mod erased {
    /// Serialises any value to a JSON string (metadata values are strings).
    pub trait Ser {
        fn json(&self) -> String;
    }
    impl<T: serde::Serialize> Ser for T {
        fn json(&self) -> String {
            serde_json::to_string(self).expect("plain data")
        }
    }
}
