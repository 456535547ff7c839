//! Portable scalar kernels: the reference every SIMD twin is tested against, and the kernels
//! of every build without SIMD128 (native builds leave vectorising these loops to LLVM).

use crate::features::SparseRow;

/// `y += a * x`.
#[inline]
pub fn axpy(a: f32, x: &[f32], y: &mut [f32]) {
    debug_assert_eq!(x.len(), y.len());
    for (yi, xi) in y.iter_mut().zip(x) {
        *yi += a * xi;
    }
}

/// `x *= a`.
#[inline]
pub fn scale(a: f32, x: &mut [f32]) {
    for xi in x {
        *xi *= a;
    }
}

/// `out = bias + scale * row · W`, with `W` row-major (`n_features × out.len()`).
#[inline]
pub fn sparse_scores(row: SparseRow<'_>, weights: &[f32], bias: &[f32], w_scale: f32, out: &mut [f32]) {
    sparse_scores_strided(row, weights, out.len(), bias, w_scale, out)
}

/// Like [`sparse_scores`] with the weights of feature `j` at `params[j * stride..][..c]`.
#[inline]
pub fn sparse_scores_strided(
    row: SparseRow<'_>,
    params: &[f32],
    stride: usize,
    bias: &[f32],
    w_scale: f32,
    out: &mut [f32],
) {
    let c = out.len();
    out.fill(0.0);
    for (j, v) in row.iter() {
        axpy(v, &params[j * stride..j * stride + c], out);
    }
    for (o, b) in out.iter_mut().zip(bias) {
        *o = *o * w_scale + b;
    }
}

/// `out = bias + x · W`, with `x` dense (`n_features`) and `W` row-major
/// (`n_features × out.len()`).
#[inline]
pub fn dense_scores(x: &[f32], weights: &[f32], bias: &[f32], out: &mut [f32]) {
    let c = out.len();
    debug_assert_eq!(weights.len(), x.len() * c);
    out.fill(0.0);
    for (j, &v) in x.iter().enumerate() {
        axpy(v, &weights[j * c..j * c + c], out);
    }
    for (o, b) in out.iter_mut().zip(bias) {
        *o += b;
    }
}

/// Turns scores into probabilities in place (softmax with the maximum subtracted);
/// returns `log Σ exp(scores)` for the cross-entropy.
#[inline]
pub fn softmax(scores: &mut [f32]) -> f32 {
    let max = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0f32;
    for s in scores.iter_mut() {
        *s = (*s - max).exp();
        sum += *s;
    }
    let inv = 1.0 / sum;
    for s in scores.iter_mut() {
        *s *= inv;
    }
    max + sum.ln()
}

/// Sum of squares, accumulated in `f64`.
#[inline]
pub fn sum_squares(x: &[f32]) -> f64 {
    x.iter().map(|&v| (v as f64) * (v as f64)).sum()
}

/// One lazy-Adam row update over parallel slices (weights `w`, first and second moments `m`,
/// `m2`, summed gradient `g`): `grad = g · inv_b + l2 · w`,
/// `m = β₁ m + (1 − β₁) grad`, `m2 = β₂ m2 + (1 − β₂) grad²`, `w −= lr · m / (√m2 + eps)`.
#[allow(clippy::too_many_arguments)]
#[inline]
pub fn adam_row(
    g: &[f32],
    w: &mut [f32],
    m: &mut [f32],
    m2: &mut [f32],
    inv_b: f32,
    l2: f32,
    lr: f32,
    beta1: f32,
    beta2: f32,
    eps: f32,
) {
    let (c1, c2) = (1.0 - beta1, 1.0 - beta2);
    for (((g, w), m), m2) in g.iter().zip(w.iter_mut()).zip(m.iter_mut()).zip(m2.iter_mut()) {
        let grad = g * inv_b + l2 * *w;
        *m = beta1 * *m + c1 * grad;
        *m2 = beta2 * *m2 + c2 * grad * grad;
        *w -= lr * *m / (m2.sqrt() + eps);
    }
}
