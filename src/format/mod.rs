//! The model file: [safetensors](https://github.com/huggingface/safetensors), the open-weights
//! format of the ML ecosystem, with everything needed to predict from the file alone.
//!
//! Layout (written up for re-implementers in `docs/model-format.md`):
//!
//! | tensor | dtype | shape | meaning |
//! |---|---|---|---|
//! | `idf` | F32 | `[n_features]` | idf weight of each term |
//! | `softmax.weight` | F32 or I8 | `[n_classes, n_features]` | weights (PyTorch `Linear` layout) |
//! | `softmax.weight_scale` | F32 | `[n_classes]` | only with I8 weights: `w = q × scale[class]` |
//! | `softmax.bias` | F32 | `[n_classes]` | bias per class |
//!
//! `__metadata__` (string → string, values JSON-encoded where structured): `format`
//! (`"textclf"`), `format_version` (`"1.0"`; a reader refuses a newer major), `textclf_version`,
//! `labels`, `vocabulary` (the terms in column order), `analyzer`, `vectorizer`, `model`,
//! `training`, `evaluation`.

mod file;
mod quantize;

pub use file::{load, load_with_summary, save};
pub use quantize::prune;

/// `format` in the metadata.
pub const FORMAT_NAME: &str = "textclf";
/// Major version written; files with a higher major are refused.
pub const FORMAT_MAJOR: u32 = 1;
/// Minor version written (additions a reader of the same major may ignore).
pub const FORMAT_MINOR: u32 = 0;

/// How the weights are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WeightType {
    /// 32-bit floats.
    #[default]
    F32,
    /// 8-bit integers with one float scale per class (symmetric, `max |w| → 127`).
    Int8,
}

impl std::str::FromStr for WeightType {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "none" | "f32" => Ok(WeightType::F32),
            "int8" => Ok(WeightType::Int8),
            _ => Err(format!("unknown quantization {s:?}; expected int8 or none")),
        }
    }
}

/// Options of [`save`].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SaveOptions {
    /// Storage of the weights.
    pub weights: WeightType,
}

#[cfg(test)]
mod tests;
