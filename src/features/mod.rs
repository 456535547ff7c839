//! From text to numbers: vocabularies (a trie of word n-grams), TF-IDF weighting with
//! scikit-learn's semantics, and CSR sparse matrices.
//!
//! Room is left for a hashing vectorizer beside [`TfidfVectorizer`] (same output type).

pub mod sparse;
pub mod tfidf;
pub mod vocabulary;

pub use sparse::{CsrMatrix, SparseRow};
pub use tfidf::{DfBound, Norm, TfidfConfig, TfidfVectorizer};
