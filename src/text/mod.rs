//! Turning text into terms the way scikit-learn's word analyzer does: lowercase, tokens of two
//! or more word characters, stop words, word n-grams.
//!
//! Room is left for other analyzers (character n-grams, scripts without spaces) beside
//! [`analyzer::Analyzer`].

pub mod analyzer;
pub mod stop_words;
pub mod tokenizer;

pub use analyzer::{Analyzer, AnalyzerConfig};
pub use stop_words::StopWords;
