//! The wasm-bindgen adapter: converts between JavaScript and the core, nothing more.
//!
//! Two handles: `Session` (in `train.rs`: owns the loaded data and a training run; the Web
//! Worker drives it slice by slice) and [`Model`] (a trained or loaded classifier). With the
//! `embed` feature only [`Model`] is built: the predict-only module of the embeddable widget. Errors become JavaScript
//! `Error`s with the core's message; a panic hook logs any panic to the console.

use crate::pipeline::TextClassifier;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[cfg(not(feature = "embed"))]
mod train;
#[cfg(not(feature = "embed"))]
pub use train::{preview, Session};

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

pub(crate) fn js_err(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

pub(crate) fn to_js<T: Serialize + ?Sized>(v: &T) -> Result<JsValue, JsError> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(js_err)
}

#[cfg(not(feature = "embed"))]
pub(crate) fn from_js<T: for<'de> serde::Deserialize<'de> + Default>(v: JsValue, what: &str) -> Result<T, JsError> {
    if v.is_undefined() || v.is_null() {
        return Ok(T::default());
    }
    serde_wasm_bindgen::from_value(v).map_err(|e| JsError::new(&format!("{what}: {e}")))
}

#[cfg(not(feature = "embed"))]
pub(crate) fn now() -> f64 {
    js_sys::Date::now()
}

/// A trained or loaded classifier.
#[wasm_bindgen]
pub struct Model {
    pub(crate) clf: TextClassifier,
    pub(crate) report: Option<serde_json::Value>,
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
