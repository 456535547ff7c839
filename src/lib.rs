//! # textclf
//!
//! Text classification that runs the same natively and in WebAssembly: read labelled text,
//! tokenize it like scikit-learn's `CountVectorizer`, weight it by TF-IDF exactly as
//! `TfidfVectorizer` does, train a softmax (multinomial logistic) regression with the textbook
//! optimisers, and evaluate it with scikit-learn's `classification_report` layout.
//!
//! Data flows one way, one module per stage:
//!
//! ```text
//! data (read, split) → text (tokenize) → features (vocabulary, tf-idf, CSR)
//!      → model + train (softmax, optimisers) → metrics (report) → format (model file)
//! ```
//!
//! The library has no filesystem, thread, process or clock calls: callers hand it bytes and
//! drive training epoch by epoch (see [`train::Trainer`]), so the CLI and the browser are two
//! thin shells over the same code.
#![deny(missing_docs)]

pub mod data;
pub mod error;
pub mod features;
pub mod format;
pub mod kernels;
pub mod metrics;
pub mod model;
pub mod options;
pub mod pipeline;
pub mod rng;
pub mod session;
pub mod text;
pub mod train;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::{Error, Position, Result};
