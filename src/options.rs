//! Settings as the JavaScript API names them (camelCase, like the CLI flags), turned into the
//! core's configuration. Kept in the core so they are tested natively and the wasm adapter
//! only converts.

use crate::features::{DfBound, TfidfConfig};
use crate::pipeline::PipelineConfig;
use crate::text::{AnalyzerConfig, StopWords};
use crate::train::{Optimizer, TrainConfig};
use crate::{Error, Result};
use serde::Deserialize;

/// A document-frequency bound as JavaScript gives it: a number (an integer is a count, a
/// non-integer a fraction — so write `"1.0"` as a string for "all documents") or a string
/// with the CLI's rule (a decimal point makes it a fraction).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum DfValue {
    /// A number.
    Number(f64),
    /// A string such as `"5"` or `"0.5"`.
    Text(String),
}

impl DfValue {
    fn to_bound(&self, name: &'static str) -> Result<DfBound> {
        match self {
            DfValue::Number(n) if n.fract() == 0.0 && *n >= 0.0 => Ok(DfBound::Count(*n as u64)),
            DfValue::Number(n) => format!("{n}").parse().map_err(|e: String| Error::param(name, e)),
            DfValue::Text(s) => s.parse().map_err(|e: String| Error::param(name, e)),
        }
    }
}

/// Stop words: `"english"`, `"none"`, or a list of words.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum StopWordsValue {
    /// `"english"` or `"none"`.
    Name(String),
    /// One's own words.
    Words(Vec<String>),
}

/// Every option of a training run, with the CLI's defaults.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Options {
    /// `--stop-words`.
    pub stop_words: StopWordsValue,
    /// `--ngram-range`, as `[min, max]`.
    pub ngram_range: (usize, usize),
    /// `--min-df`.
    pub min_df: DfValue,
    /// `--max-df`.
    pub max_df: DfValue,
    /// `--max-features`.
    pub max_features: Option<usize>,
    /// `--sublinear-tf`.
    pub sublinear_tf: bool,
    /// Opposite of `--no-smooth-idf`.
    pub smooth_idf: bool,
    /// Opposite of `--no-lowercase`.
    pub lowercase: bool,
    /// `--optimizer`: batch, sgd, minibatch or adam.
    pub optimizer: String,
    /// `--epochs`.
    pub epochs: Option<usize>,
    /// `--learning-rate`.
    pub learning_rate: Option<f32>,
    /// `--batch-size`.
    pub batch_size: usize,
    /// `--l2`.
    pub l2: Option<f64>,
    /// `--seed`.
    pub seed: u64,
    /// `--test-size` (used when no separate test set is given).
    pub test_size: Option<f64>,
}

impl Default for Options {
    fn default() -> Self {
        let t = TrainConfig::default();
        Options {
            stop_words: StopWordsValue::Name("none".into()),
            ngram_range: (1, 1),
            min_df: DfValue::Number(1.0),
            max_df: DfValue::Text("1.0".into()),
            max_features: None,
            sublinear_tf: false,
            smooth_idf: true,
            lowercase: true,
            optimizer: "adam".into(),
            epochs: None,
            learning_rate: None,
            batch_size: t.batch_size,
            l2: None,
            seed: t.seed,
            test_size: None,
        }
    }
}

impl Options {
    /// The core configuration, validated.
    pub fn to_config(&self) -> Result<PipelineConfig> {
        let stop_words = match &self.stop_words {
            StopWordsValue::Name(n) if n == "english" => StopWords::English,
            StopWordsValue::Name(n) if n == "none" || n.is_empty() => StopWords::None,
            StopWordsValue::Name(n) => {
                return Err(Error::param("stopWords", format!("{n:?}: expected \"english\", \"none\" or a list of words")))
            }
            StopWordsValue::Words(w) => StopWords::from_lines(&w.join("\n")),
        };
        let vectorizer = TfidfConfig {
            analyzer: AnalyzerConfig { lowercase: self.lowercase, stop_words, ngram_range: self.ngram_range },
            min_df: self.min_df.to_bound("--min-df")?,
            max_df: self.max_df.to_bound("--max-df")?,
            max_features: self.max_features,
            sublinear_tf: self.sublinear_tf,
            smooth_idf: self.smooth_idf,
            ..Default::default()
        };
        vectorizer.validate()?;
        let train = TrainConfig {
            optimizer: self.optimizer.parse::<Optimizer>().map_err(|e| Error::param("--optimizer", e))?,
            epochs: self.epochs,
            learning_rate: self.learning_rate,
            batch_size: self.batch_size,
            l2: self.l2,
            seed: self.seed,
        };
        train.validate()?;
        if let Some(t) = self.test_size {
            if !(t > 0.0 && t < 1.0) {
                return Err(Error::param("--test-size", format!("must be between 0 and 1, got {t}")));
            }
        }
        Ok(PipelineConfig { vectorizer, train })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Result<PipelineConfig> {
        serde_json::from_str::<Options>(json).map_err(|e| Error::param("options", e.to_string()))?.to_config()
    }

    #[test]
    fn the_seed_configuration_in_javascript_spelling() {
        let c = parse(r#"{"maxDf": 0.5, "maxFeatures": 1000, "stopWords": "english", "seed": 7}"#).unwrap();
        assert_eq!(c.vectorizer.max_df, DfBound::Fraction(0.5));
        assert_eq!(c.vectorizer.max_features, Some(1000));
        assert_eq!(c.vectorizer.analyzer.stop_words, StopWords::English);
        assert_eq!(c.train.seed, 7);
        assert_eq!(c.vectorizer.min_df, DfBound::Count(1));
        assert_eq!(parse("{}").unwrap().vectorizer.max_df, DfBound::Fraction(1.0));
    }

    #[test]
    fn numbers_strings_lists_and_errors() {
        let c = parse(r#"{"minDf": "5", "maxDf": "0.9", "ngramRange": [1, 2], "stopWords": ["foo", "bar"], "optimizer": "sgd", "sublinearTf": true}"#).unwrap();
        assert_eq!(c.vectorizer.min_df, DfBound::Count(5));
        assert_eq!(c.vectorizer.max_df, DfBound::Fraction(0.9));
        assert_eq!(c.vectorizer.analyzer.ngram_range, (1, 2));
        assert!(c.vectorizer.analyzer.stop_words.contains("foo"));
        assert!(c.vectorizer.sublinear_tf);
        assert!(parse(r#"{"optimizer": "lbfgs"}"#).unwrap_err().to_string().contains("--optimizer"));
        assert!(parse(r#"{"maxDf": 1.5}"#).unwrap_err().to_string().contains("--max-df"));
        assert!(parse(r#"{"stopWords": "french"}"#).unwrap_err().to_string().contains("stopWords"));
        assert!(parse(r#"{"testSize": 1.5}"#).unwrap_err().to_string().contains("--test-size"));
        assert!(parse(r#"{"maxDF": 0.5}"#).is_err(), "unknown options are refused, not ignored");
    }
}
