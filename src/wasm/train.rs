//! The training half of the adapter: loading data, the `Session` handle, input preview.

use super::{from_js, js_err, now, to_js, Model};
use crate::data::{read_any_bytes, Dataset, Format, LabelSet, ReadOptions, ReadStats};
use crate::options::Options;
use crate::pipeline::{report_json, RunSizes, TextClassifier, Timings};
use crate::session::{self, Evaluation};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

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
        self.timings.read = 0.0;
        let (data, out) = self.read(name, bytes, options)?;
        self.inner.set_train(data);
        Ok(out)
    }

    /// Loads a separate test set (same forms as `loadTrain`).
    #[wasm_bindgen(js_name = loadTest)]
    pub fn load_test(&mut self, name: &str, bytes: &[u8], options: JsValue) -> Result<JsValue, JsError> {
        let (data, out) = self.read(name, bytes, options)?;
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

    /// Adds time spent reading outside the module (e.g. the browser's own gunzip) to the
    /// `read` timing of the report.
    #[wasm_bindgen(js_name = addReadTime)]
    pub fn add_read_time(&mut self, ms: f64) {
        self.timings.read += ms;
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

    /// Begins preparing a run (same `options` as `prepare`) without doing the work yet:
    /// call `prepareStep` until it returns `prepared`. Lets the worker stay responsive (and
    /// cancellable) while vectorizing.
    #[wasm_bindgen(js_name = startPrepare)]
    pub fn start_prepare(&mut self, options: JsValue) -> Result<(), JsError> {
        let options: Options = from_js(options, "options")?;
        let config = options.to_config().map_err(js_err)?;
        let t = now();
        self.inner.start_prepare(config, options.test_size).map_err(js_err)?;
        self.timings.vectorize = now() - t;
        self.timings.train = 0.0;
        self.options = options;
        Ok(())
    }

    /// Vectorizes at most `max_docs` more documents; returns `{stage: "vectorize" |
    /// "transform" | "done", done, total, prepared}` where `prepared` (`{nTrain, nTest,
    /// nFeatures, nnz, epochs}`) is set once the run is ready to train.
    #[wasm_bindgen(js_name = prepareStep)]
    pub fn prepare_step(&mut self, max_docs: usize) -> Result<JsValue, JsError> {
        let t = now();
        let p = self.inner.prepare_step(max_docs).map_err(js_err)?;
        self.timings.vectorize += now() - t;
        to_js(&p)
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

impl Session {
    /// Reads a whole file, adding the time to the `read` timing; returns the documents and
    /// the summary for JavaScript.
    fn read(&mut self, name: &str, bytes: &[u8], options: JsValue) -> Result<(Dataset, JsValue), JsError> {
        let t = now();
        let opts: JsReadOptions = from_js(options, "read options")?;
        let (data, stats) = read_any_bytes(name, bytes, &opts.to_options()?).map_err(js_err)?;
        self.timings.read += now() - t;
        let out = summary(&data, &stats)?;
        Ok((data, out))
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

