//! The numeric kernels of training and prediction, over `f32` slices.
//!
//! Two implementations with one API, chosen at compile time:
//!
//! - [`scalar`]: portable loops, always compiled (the reference, and the kernels of native
//!   builds and of wasm builds without SIMD);
//! - `simd128`: WebAssembly SIMD128 twins (`core::arch::wasm32`, 4 × `f32` lanes), compiled
//!   only for `wasm32` with `-C target-feature=+simd128` and then re-exported here.
//!
//! Tests (`kernels::tests`, run natively and in wasm) check that both agree within 1e-5
//! relative on random inputs of every length from 1 to 67; [`SIMD128`] tells which is in use.
//! Weights are stored row-major, one row of `n_classes` values per feature, so that a sparse
//! row times the weight matrix is a sequence of short contiguous `axpy`s.

pub mod scalar;

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub mod simd128;

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub use simd128::{adam_row, axpy, dense_scores, scale, softmax, sparse_scores, sparse_scores_strided, sum_squares};

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
pub use scalar::{adam_row, axpy, dense_scores, scale, softmax, sparse_scores, sparse_scores_strided, sum_squares};

/// Whether the kernels above are the WebAssembly SIMD128 ones (true only in a `wasm32` build
/// with `-C target-feature=+simd128`).
pub const SIMD128: bool = cfg!(all(target_arch = "wasm32", target_feature = "simd128"));

#[cfg(test)]
mod tests;
