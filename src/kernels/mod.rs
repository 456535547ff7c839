//! The numeric kernels of training and prediction, over `f32` slices.
//!
//! Each kernel has one portable scalar implementation here; a later wasm32 SIMD128 build adds
//! twins with the same signatures (chosen at compile time), tested to agree within 1e-5.
//! Weights are stored row-major, one row of `n_classes` values per feature, so that a sparse
//! row times the weight matrix is a sequence of short contiguous `axpy`s.

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

/// Like [`sparse_scores`] with the weights of feature `j` at `params[j * stride..][..c]`
/// (the trainer interleaves weights with optimiser state, one block per feature, so that a
/// feature's numbers share cache lines).
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

/// Sum of squares.
#[inline]
pub fn sum_squares(x: &[f32]) -> f64 {
    x.iter().map(|&v| (v as f64) * (v as f64)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::CsrMatrix;

    #[test]
    fn scores_of_a_sparse_row() {
        let mut x = CsrMatrix::new(3);
        x.push_row([(0, 2.0), (2, 1.0)]);
        let w = [1.0, 2.0, 10.0, 20.0, 0.5, -1.0];
        let mut out = [0.0; 2];
        sparse_scores(x.row(0), &w, &[0.25, 0.0], 2.0, &mut out);
        assert_eq!(out, [2.0 * 2.5 + 0.25, 2.0 * 3.0]);
    }

    #[test]
    fn softmax_is_stable_and_normalised() {
        let mut s = [1000.0, 1000.0, -1000.0];
        let lse = softmax(&mut s);
        assert!((s[0] - 0.5).abs() < 1e-6 && s[2] == 0.0);
        assert!((lse - (1000.0 + 2f32.ln())).abs() < 1e-3);
        let mut t = [0.0f32, 1.0, 2.0];
        softmax(&mut t);
        let e: Vec<f32> = [0.0f32, 1.0, 2.0].iter().map(|v| v.exp()).collect();
        let z: f32 = e.iter().sum();
        for (a, b) in t.iter().zip(e) {
            assert!((a - b / z).abs() < 1e-6);
        }
    }
}
