//! WebAssembly SIMD128 twins of the [`scalar`](super::scalar) kernels (4 × `f32` lanes),
//! compiled only for `wasm32` with `-C target-feature=+simd128`.
//!
//! Every twin does the same floating-point operations in the same order per element as its
//! scalar reference, so `axpy`, `scale`, the score kernels and `adam_row` give bit-identical
//! results (wasm has no fused multiply-add outside relaxed SIMD). `softmax` uses a vectorised
//! `exp` (Cephes' `expf` polynomial, a couple of ulp) and a lane-wise sum, and `sum_squares`
//! sums in two `f64x2` lanes: those agree with the scalar ones to about 1e-6 relative.
//! Remainders (lengths not a multiple of 4, such as 20 classes ± a few) are handled by
//! overlapping the last vector with the previous one where that is exact, else by a scalar tail.

use core::arch::wasm32::*;

use super::scalar;
use crate::features::SparseRow;

/// Loads `s[..4]` (unaligned).
#[inline(always)]
fn load(s: &[f32]) -> v128 {
    assert!(s.len() >= 4);
    // SAFETY: at least 16 readable bytes (checked above); v128_load has no alignment needs.
    unsafe { v128_load(s.as_ptr() as *const v128) }
}

/// Stores into `s[..4]` (unaligned).
#[inline(always)]
fn store(s: &mut [f32], v: v128) {
    assert!(s.len() >= 4);
    // SAFETY: at least 16 writable bytes (checked above); v128_store has no alignment needs.
    unsafe { v128_store(s.as_mut_ptr() as *mut v128, v) }
}

#[inline(always)]
fn hsum(v: v128) -> f32 {
    (f32x4_extract_lane::<0>(v) + f32x4_extract_lane::<1>(v))
        + (f32x4_extract_lane::<2>(v) + f32x4_extract_lane::<3>(v))
}

/// `y += a * x`.
#[inline]
pub fn axpy(a: f32, x: &[f32], y: &mut [f32]) {
    debug_assert_eq!(x.len(), y.len());
    let n = x.len().min(y.len());
    let (x, y) = (&x[..n], &mut y[..n]);
    let av = f32x4_splat(a);
    let mut yc = y.chunks_exact_mut(4);
    let mut xc = x.chunks_exact(4);
    for (yi, xi) in (&mut yc).zip(&mut xc) {
        store(yi, f32x4_add(load(yi), f32x4_mul(av, load(xi))));
    }
    for (yi, xi) in yc.into_remainder().iter_mut().zip(xc.remainder()) {
        *yi += a * xi;
    }
}

/// `x *= a`.
#[inline]
pub fn scale(a: f32, x: &mut [f32]) {
    let av = f32x4_splat(a);
    let mut xc = x.chunks_exact_mut(4);
    for xi in &mut xc {
        store(xi, f32x4_mul(load(xi), av));
    }
    for xi in xc.into_remainder() {
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
    if out.len() < 4 || bias.len() < out.len() {
        return scalar::sparse_scores_strided(row, params, stride, bias, w_scale, out);
    }
    let entries = row.indices.iter().map(|&j| j as usize).zip(row.values.iter().copied());
    scores(entries, params, stride, bias, w_scale, out)
}

/// `out = bias + x · W`, with `x` dense (`n_features`) and `W` row-major
/// (`n_features × out.len()`).
#[inline]
pub fn dense_scores(x: &[f32], weights: &[f32], bias: &[f32], out: &mut [f32]) {
    let c = out.len();
    debug_assert_eq!(weights.len(), x.len() * c);
    if c < 4 || bias.len() < c {
        return scalar::dense_scores(x, weights, bias, out);
    }
    scores(x.iter().copied().enumerate(), weights, c, bias, 1.0, out)
}

/// `out = bias + w_scale · Σ v · W[j]` over the `(j, v)` of `entries`, for `out.len() >= 4`:
/// classes in groups of up to 8 vectors (32 classes) kept in registers for one pass over the
/// entries; the last vector of a length that is no multiple of 4 overlaps the one before it
/// (each class is computed the same way in either, so the overlap is exact).
#[inline(always)]
fn scores<I: Iterator<Item = (usize, f32)> + Clone>(
    entries: I,
    params: &[f32],
    stride: usize,
    bias: &[f32],
    w_scale: f32,
    out: &mut [f32],
) {
    let c = out.len();
    let n_vec = c.div_ceil(4);
    let mut v0 = 0;
    while v0 < n_vec {
        let g = (n_vec - v0).min(8);
        let k0 = 4 * v0;
        let (e, p, b) = (entries.clone(), params, bias);
        match g {
            1 => block::<1, I>(e, p, stride, k0, b, w_scale, out),
            2 => block::<2, I>(e, p, stride, k0, b, w_scale, out),
            3 => block::<3, I>(e, p, stride, k0, b, w_scale, out),
            4 => block::<4, I>(e, p, stride, k0, b, w_scale, out),
            5 => block::<5, I>(e, p, stride, k0, b, w_scale, out),
            6 => block::<6, I>(e, p, stride, k0, b, w_scale, out),
            7 => block::<7, I>(e, p, stride, k0, b, w_scale, out),
            _ => block::<8, I>(e, p, stride, k0, b, w_scale, out),
        }
        v0 += g;
    }
}

/// `N` vectors of classes starting at `k0` (the last clamped to end at `out.len()`).
#[inline(always)]
fn block<const N: usize, I: Iterator<Item = (usize, f32)>>(
    entries: I,
    params: &[f32],
    stride: usize,
    k0: usize,
    bias: &[f32],
    w_scale: f32,
    out: &mut [f32],
) {
    let c = out.len();
    let mut offs = [0usize; N];
    for (i, o) in offs.iter_mut().enumerate() {
        *o = (k0 + 4 * i).min(c - 4);
    }
    let end = offs[N - 1] + 4;
    let mut acc = [f32x4_splat(0.0); N];
    for (j, v) in entries {
        let w = &params[j * stride..j * stride + end];
        let vv = f32x4_splat(v);
        for i in 0..N {
            acc[i] = f32x4_add(acc[i], f32x4_mul(vv, load(&w[offs[i]..])));
        }
    }
    let sv = f32x4_splat(w_scale);
    for i in 0..N {
        let o = offs[i];
        store(&mut out[o..], f32x4_add(f32x4_mul(acc[i], sv), load(&bias[o..])));
    }
}

/// `exp(x)` lane-wise for `x <= 88` (Cephes `expf`: `x = n ln2 + r`, a degree-7 polynomial
/// in `r`, `2^n` built in the exponent bits in two halves so that results down to the
/// subnormal range stay right; `x < -104` gives 0; NaN stays NaN).
#[inline(always)]
pub(crate) fn exp4(x: v128) -> v128 {
    let x = f32x4_min(f32x4_max(x, f32x4_splat(-104.0)), f32x4_splat(88.0));
    let n = f32x4_nearest(f32x4_mul(x, f32x4_splat(core::f32::consts::LOG2_E)));
    let r = f32x4_sub(x, f32x4_mul(n, f32x4_splat(0.693_359_4)));
    let r = f32x4_sub(r, f32x4_mul(n, f32x4_splat(-2.121_944_4e-4)));
    let mut p = f32x4_splat(1.987_569_1e-4);
    for c in [1.398_199_9e-3, 8.333_452e-3, 4.166_579_6e-2, 0.166_666_65, 0.5] {
        p = f32x4_add(f32x4_mul(p, r), f32x4_splat(c));
    }
    let p = f32x4_add(f32x4_add(f32x4_mul(p, f32x4_mul(r, r)), r), f32x4_splat(1.0));
    let ni = i32x4_trunc_sat_f32x4(n);
    let n1 = i32x4_shr(ni, 1);
    let n2 = i32x4_sub(ni, n1);
    let bias = i32x4_splat(127);
    let s1 = i32x4_shl(i32x4_add(n1, bias), 23);
    let s2 = i32x4_shl(i32x4_add(n2, bias), 23);
    f32x4_mul(f32x4_mul(p, s1), s2)
}

/// Turns scores into probabilities in place (softmax with the maximum subtracted);
/// returns `log Σ exp(scores)` for the cross-entropy.
#[inline]
pub fn softmax(scores: &mut [f32]) -> f32 {
    let mut chunks = scores.chunks_exact_mut(4);
    let mut mv = f32x4_splat(f32::NEG_INFINITY);
    for c in &mut chunks {
        mv = f32x4_pmax(mv, load(c));
    }
    let tail = chunks.into_remainder();
    let mut max = f32x4_extract_lane::<0>(mv)
        .max(f32x4_extract_lane::<1>(mv))
        .max(f32x4_extract_lane::<2>(mv))
        .max(f32x4_extract_lane::<3>(mv));
    for &t in tail.iter() {
        max = max.max(t);
    }
    let maxv = f32x4_splat(max);
    let mut sv = f32x4_splat(0.0);
    let mut chunks = scores.chunks_exact_mut(4);
    for c in &mut chunks {
        let e = exp4(f32x4_sub(load(c), maxv));
        store(c, e);
        sv = f32x4_add(sv, e);
    }
    let tail = chunks.into_remainder();
    let mut sum = hsum(sv);
    if !tail.is_empty() {
        let mut buf = [f32::NEG_INFINITY; 4];
        buf[..tail.len()].copy_from_slice(tail);
        let e = exp4(f32x4_sub(load(&buf), maxv));
        store(&mut buf, e);
        for (t, &b) in tail.iter_mut().zip(&buf) {
            *t = b;
            sum += b;
        }
    }
    scale(1.0 / sum, scores);
    max + sum.ln()
}

/// Sum of squares, accumulated in `f64` (two `f64x2` accumulators).
#[inline]
pub fn sum_squares(x: &[f32]) -> f64 {
    let mut lo = f64x2_splat(0.0);
    let mut hi = f64x2_splat(0.0);
    let mut chunks = x.chunks_exact(4);
    for c in &mut chunks {
        let v = load(c);
        let a = f64x2_promote_low_f32x4(v);
        let b = f64x2_promote_low_f32x4(i32x4_shuffle::<2, 3, 2, 3>(v, v));
        lo = f64x2_add(lo, f64x2_mul(a, a));
        hi = f64x2_add(hi, f64x2_mul(b, b));
    }
    let s = f64x2_add(lo, hi);
    let mut sum = f64x2_extract_lane::<0>(s) + f64x2_extract_lane::<1>(s);
    for &v in chunks.remainder() {
        sum += (v as f64) * (v as f64);
    }
    sum
}

/// One lazy-Adam row update; see [`scalar::adam_row`].
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
    let n = g.len().min(w.len()).min(m.len()).min(m2.len());
    let (g, w, m, m2) = (&g[..n], &mut w[..n], &mut m[..n], &mut m2[..n]);
    let q = n - n % 4;
    let (ib, l2v, lrv) = (f32x4_splat(inv_b), f32x4_splat(l2), f32x4_splat(lr));
    let (b1, b2, epsv) = (f32x4_splat(beta1), f32x4_splat(beta2), f32x4_splat(eps));
    let (c1, c2) = (f32x4_splat(1.0 - beta1), f32x4_splat(1.0 - beta2));
    let mut i = 0;
    while i < q {
        let wv = load(&w[i..]);
        let grad = f32x4_add(f32x4_mul(load(&g[i..]), ib), f32x4_mul(l2v, wv));
        let mv = f32x4_add(f32x4_mul(b1, load(&m[i..])), f32x4_mul(c1, grad));
        let m2v = f32x4_add(f32x4_mul(b2, load(&m2[i..])), f32x4_mul(f32x4_mul(c2, grad), grad));
        let step = f32x4_div(f32x4_mul(lrv, mv), f32x4_add(f32x4_sqrt(m2v), epsv));
        store(&mut m[i..], mv);
        store(&mut m2[i..], m2v);
        store(&mut w[i..], f32x4_sub(wv, step));
        i += 4;
    }
    scalar::adam_row(&g[q..], &mut w[q..], &mut m[q..], &mut m2[q..], inv_b, l2, lr, beta1, beta2, eps);
}
