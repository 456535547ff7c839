//! The wasm-bindgen adapter: converts between JavaScript and the core, nothing more.
//!
//! Two handles: [`Session`] (owns the loaded data and a training run; the Web Worker drives it
//! slice by slice) and [`Model`] (a trained or loaded classifier). Errors become JavaScript
//! `Error`s with the core's message; a panic hook logs any panic to the console.

use crate::data::{read_any_bytes, Dataset, Format, LabelSet, ReadOptions, ReadStats};
use crate::options::Options;
use crate::pipeline::{report_json, RunSizes, TextClassifier, Timings};
use crate::session::{self, Evaluation};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

fn js_err(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

fn to_js<T: Serialize + ?Sized>(v: &T) -> Result<JsValue, JsError> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(js_err)
}

fn from_js<T: for<'de> Deserialize<'de> + Default>(v: JsValue, what: &str) -> Result<T, JsError> {
    if v.is_undefined() || v.is_null() {
        return Ok(T::default());
    }
    serde_wasm_bindgen::from_value(v).map_err(|e| JsError::new(&format!("{what}: {e}")))
}

fn now() -> f64 {
    js_sys::Date::now()
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct JsReadOptions {
    format: Option<String>,
    label_col: Option<String>,
    text_col: Option<String>,
}

impl JsReadOptions {
    fn to_options(&self) -> Result<ReadOptions, JsError> {
        let mut o = ReadOptions::default();
        if let Some(f) = &self.format {
            o.format = Some(f.parse::<Format>().map_err(js_err)?);
        }
        if let Some(c) = &self.label_col {
            o.label_col = c.clone();
        }
        if let Some(c) = &self.text_col {
            o.text_col = c.clone();
        }
        Ok(o)
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReadSummary<'a> {
    documents: usize,
    labels: Vec<String>,
    #[serde(flatten)]
    stats: &'a ReadStats,
}

fn summary(data: &Dataset, stats: &ReadStats) -> Result<JsValue, JsError> {
    to_js(&ReadSummary { documents: data.len(), labels: LabelSet::fit(&data.labels).names().to_vec(), stats })
}

/// The first rows of a delimited or JSON Lines file, to choose the label and text columns:
/// `{format, columns, rows}` (at most `max_rows` rows of strings).
#[wasm_bindgen]
pub fn preview(name: &str, bytes: &[u8], max_rows: usize) -> Result<JsValue, JsError> {
    to_js(&crate::data::preview(name, bytes, max_rows).map_err(js_err)?)
}

/// A training session: loaded data and a run in progress.
#[wasm_bindgen]
pub struct Session {
    inner: session::Session,
    options: Options,
    timings: Timings,
}

#[wasm_bindgen]
impl Session {
    /// An empty session.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Session {
        Session { inner: session::Session::new(), options: Options::default(), timings: Timings::default() }
    }

    /// Loads training data from a whole file's bytes (CSV / TSV / JSON Lines, gzip or not, or
    /// a .zip of label folders). Returns `{documents, labels, records, latin1_documents,
    /// skipped, skip_reasons}`.
    #[wasm_bindgen(js_name = loadTrain)]
    pub fn load_train(&mut self, name: &str, bytes: &[u8], options: JsValue) -> Result<JsValue, JsError> {
        let t = now();
        let opts: JsReadOptions = from_js(options, "read options")?;
        let (data, stats) = read_any_bytes(name, bytes, &opts.to_options()?).map_err(js_err)?;
        self.timings.read = now() - t;
        let out = summary(&data, &stats)?;
        self.inner.set_train(data);
        Ok(out)
    }

    /// Loads a separate test set (same forms as `loadTrain`).
    #[wasm_bindgen(js_name = loadTest)]
    pub fn load_test(&mut self, name: &str, bytes: &[u8], options: JsValue) -> Result<JsValue, JsError> {
        let t = now();
        let opts: JsReadOptions = from_js(options, "read options")?;
        let (data, stats) = read_any_bytes(name, bytes, &opts.to_options()?).map_err(js_err)?;
        self.timings.read += now() - t;
        let out = summary(&data, &stats)?;
        self.inner.set_test(Some(data));
        Ok(out)
    }

    /// Sets training documents from parallel arrays of texts and labels.
    #[wasm_bindgen(js_name = setTrainTexts)]
    pub fn set_train_texts(&mut self, texts: Vec<String>, labels: Vec<String>) -> Result<JsValue, JsError> {
        let data = texts_dataset(texts, labels)?;
        let out = summary(&data, &ReadStats { records: data.len(), ..Default::default() })?;
        self.inner.set_train(data);
        Ok(out)
    }

    /// Sets test documents from parallel arrays of texts and labels.
    #[wasm_bindgen(js_name = setTestTexts)]
    pub fn set_test_texts(&mut self, texts: Vec<String>, labels: Vec<String>) -> Result<JsValue, JsError> {
        let data = texts_dataset(texts, labels)?;
        let out = summary(&data, &ReadStats { records: data.len(), ..Default::default() })?;
        self.inner.set_test(Some(data));
        Ok(out)
    }

    /// Forgets the separate test set (a split of the training data is used instead).
    #[wasm_bindgen(js_name = clearTest)]
    pub fn clear_test(&mut self) {
        self.inner.set_test(None);
    }

    /// Splits (without a separate test set, when `testSize` is set), vectorizes and starts a
    /// training run. `options` are the CLI's flags in camelCase (`maxDf`, `maxFeatures`,
    /// `stopWords`, `ngramRange`, `optimizer`, `epochs`, `seed`, `testSize`, ...);
    /// `on_progress(done, total)` is called while vectorizing. Returns `{nTrain, nTest,
    /// nFeatures, nnz, epochs}`.
    pub fn prepare(&mut self, options: JsValue, on_progress: Option<js_sys::Function>) -> Result<JsValue, JsError> {
        let options: Options = from_js(options, "options")?;
        let config = options.to_config().map_err(js_err)?;
        let total = self.inner.train_data().map_or(0, |d| d.len());
        let t = now();
        let mut progress = |done: usize| {
            if let Some(f) = &on_progress {
                let _ = f.call2(&JsValue::NULL, &JsValue::from(done as f64), &JsValue::from(total as f64));
            }
        };
        let prepared = self.inner.prepare(config, options.test_size, &mut progress).map_err(js_err)?;
        self.timings.vectorize = now() - t;
        self.timings.train = 0.0;
        self.options = options;
        to_js(&prepared)
    }

    /// Runs at most `max_steps` optimisation steps; returns `{epoch, epochs, fraction, done,
    /// stats}` where `stats` (`{epoch, train_loss, valid_loss}`) is set when an epoch ended.
    #[wasm_bindgen(js_name = trainSteps)]
    pub fn train_steps(&mut self, max_steps: usize) -> Result<JsValue, JsError> {
        let t = now();
        let p = self.inner.train_steps(max_steps).map_err(js_err)?;
        self.timings.train += now() - t;
        to_js(&p)
    }

    /// The model as trained so far, evaluated on the test documents when there are any.
    pub fn finish(&mut self) -> Result<Model, JsError> {
        let t = now();
        let (clf, eval) = self.inner.finish().map_err(js_err)?;
        let mut timings = self.timings;
        timings.predict = now() - t;
        let report = eval.map(|e| page_report(&clf, &e, &self.inner, timings));
        Ok(Model { clf, report })
    }
}

impl Default for Session {
    fn default() -> Self {
        Session::new()
    }
}

fn texts_dataset(texts: Vec<String>, labels: Vec<String>) -> Result<Dataset, JsError> {
    if texts.len() != labels.len() {
        return Err(JsError::new(&format!("{} texts but {} labels", texts.len(), labels.len())));
    }
    Ok(Dataset { texts, labels })
}

/// The CLI's report JSON plus what the page shows: loss curve, misclassified documents, top
/// terms per class and the settings.
fn page_report(clf: &TextClassifier, e: &Evaluation, s: &session::Session, timings: Timings) -> serde_json::Value {
    let n_train = s.prepared().map_or(0, |p| p.n_train);
    let sizes = RunSizes { n_train, n_test: e.truth.len(), n_features: clf.vectorizer.n_features() };
    let mut v = report_json(&e.report, sizes, Some(timings));
    let top: serde_json::Map<String, serde_json::Value> = session::top_terms(clf, 15)
        .into_iter()
        .map(|(label, terms)| (label, serde_json::to_value(terms).unwrap_or_default()))
        .collect();
    if let Some(obj) = v.as_object_mut() {
        obj.insert("loss_curve".into(), serde_json::to_value(s.history()).unwrap_or_default());
        obj.insert("misclassified".into(), serde_json::to_value(&e.mistakes).unwrap_or_default());
        obj.insert("top_terms".into(), serde_json::Value::Object(top));
        obj.insert("config".into(), serde_json::to_value(&clf.config).unwrap_or_default());
    }
    v
}

/// A trained or loaded classifier.
#[wasm_bindgen]
pub struct Model {
    clf: TextClassifier,
    report: Option<serde_json::Value>,
}

#[wasm_bindgen]
impl Model {
    /// Reads a model file.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, JsError> {
        let clf = crate::format::load(bytes).map_err(js_err)?;
        Ok(Model { clf, report: None })
    }

    /// The evaluation report (the CLI's `--report-json` plus `loss_curve`, `misclassified`,
    /// `top_terms`, `config`), or `null` for a loaded model.
    pub fn report(&self) -> Result<JsValue, JsError> {
        match &self.report {
            Some(r) => to_js(r),
            None => Ok(JsValue::NULL),
        }
    }

    /// The class names.
    pub fn labels(&self) -> Vec<String> {
        self.clf.labels.names().to_vec()
    }

    /// The `top_k` most probable labels: `[{label, probability}]`.
    pub fn predict(&self, text: &str, top_k: usize) -> Result<JsValue, JsError> {
        to_js(&self.clf.predict_proba(text, top_k))
    }

    /// The `n` terms of `text` that pushed the score of `label` most and that pulled it down
    /// most: `{for: [{term, weight}], against: [...]}`.
    pub fn explain(&self, text: &str, label: &str, n: usize) -> Result<JsValue, JsError> {
        let (up, down) = self.clf.explain(text, label, n).map_err(js_err)?;
        to_js(&serde_json::json!({ "for": up, "against": down }))
    }

    /// The model file's bytes (safetensors); `quantize` is `"int8"` or `"none"` (default).
    pub fn save(&self, quantize: Option<String>) -> Result<Vec<u8>, JsError> {
        let weights = match quantize.as_deref() {
            None | Some("") => crate::format::WeightType::F32,
            Some(q) => q.parse().map_err(|e: String| JsError::new(&e))?,
        };
        let summary = self
            .report
            .as_ref()
            .map(|r| serde_json::json!({ "accuracy": r["accuracy"], "n_train": r["n_train"], "n_test": r["n_test"] }))
            .unwrap_or(serde_json::Value::Null);
        crate::format::save(&self.clf, summary, &crate::format::SaveOptions { weights }).map_err(js_err)
    }
}
