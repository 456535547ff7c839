//! Numeric kernels (scalar here; SIMD128 twins on wasm32).
