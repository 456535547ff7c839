//! The kernels against their scalar references, natively and in wasm (`wasm_bindgen_test`
//! with `unsupported = test`: a plain `#[test]` natively, a wasm-bindgen test on wasm32).
//! Natively both sides are the scalar kernels; the comparisons matter in the SIMD128 build.

use wasm_bindgen_test::wasm_bindgen_test;

use super::{scalar, *};
use crate::features::{CsrMatrix, SparseRow};
use crate::rng::Rng;

/// Lengths checked: every one from 1 to 67 (all remainders mod 4 and mod 32, many times).
const LENGTHS: std::ops::RangeInclusive<usize> = 1..=67;

fn uniform(rng: &mut Rng, lo: f32, hi: f32) -> f32 {
    lo + (hi - lo) * rng.next_f64() as f32
}

fn vec(rng: &mut Rng, n: usize, lo: f32, hi: f32) -> Vec<f32> {
    (0..n).map(|_| uniform(rng, lo, hi)).collect()
}

/// `|a − b| <= rel · |b|`, with an absolute floor of 1e-35 (the `f32` subnormal range, where
/// relative error means nothing).
fn close(a: f32, b: f32, rel: f32) -> bool {
    (a - b).abs() <= rel * b.abs() + 1e-35 || (a.is_nan() && b.is_nan()) || a == b
}

#[track_caller]
fn assert_all_close(what: &str, n: usize, got: &[f32], want: &[f32]) {
    assert_eq!(got.len(), want.len(), "{what} (n = {n}): lengths");
    for (k, (a, b)) in got.iter().zip(want).enumerate() {
        assert!(close(*a, *b, 1e-5), "{what} (n = {n}), element {k}: {a} vs scalar {b}");
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn axpy_and_scale_agree_with_scalar() {
    let mut rng = Rng::new(1);
    for n in LENGTHS {
        let x = vec(&mut rng, n, -3.0, 3.0);
        let y0 = vec(&mut rng, n, -3.0, 3.0);
        let a = uniform(&mut rng, -2.0, 2.0);
        let (mut y, mut want) = (y0.clone(), y0.clone());
        axpy(a, &x, &mut y);
        scalar::axpy(a, &x, &mut want);
        assert_all_close("axpy", n, &y, &want);
        scale(a, &mut y);
        scalar::scale(a, &mut want);
        assert_all_close("scale", n, &y, &want);
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn sparse_scores_agree_with_scalar() {
    let mut rng = Rng::new(2);
    let n_features = 40;
    for c in LENGTHS {
        for stride in [c, 4 * c + 1] {
            let params = vec(&mut rng, n_features * stride, -1.0, 1.0);
            let bias = vec(&mut rng, c, -1.0, 1.0);
            let mut x = CsrMatrix::new(n_features);
            for _ in 0..3 {
                let mut cols: Vec<u32> = (0..n_features as u32).filter(|_| rng.below(3) == 0).collect();
                cols.dedup();
                let row: Vec<(u32, f32)> = cols.into_iter().map(|j| (j, uniform(&mut rng, 0.0, 1.0))).collect();
                x.push_row(row);
            }
            x.push_row([]);
            let w_scale = uniform(&mut rng, 0.5, 2.0);
            for r in 0..x.n_rows() {
                let (mut got, mut want) = (vec![f32::NAN; c], vec![f32::NAN; c]);
                sparse_scores_strided(x.row(r), &params, stride, &bias, w_scale, &mut got);
                scalar::sparse_scores_strided(x.row(r), &params, stride, &bias, w_scale, &mut want);
                assert_all_close("sparse_scores_strided", c, &got, &want);
                if stride == c {
                    sparse_scores(x.row(r), &params, &bias, w_scale, &mut got);
                    assert_all_close("sparse_scores", c, &got, &want);
                }
            }
        }
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn dense_scores_agree_with_scalar() {
    let mut rng = Rng::new(3);
    for c in LENGTHS {
        let n_features = 1 + (c * 7) % 23;
        let x = vec(&mut rng, n_features, -1.0, 1.0);
        let w = vec(&mut rng, n_features * c, -1.0, 1.0);
        let bias = vec(&mut rng, c, -1.0, 1.0);
        let (mut got, mut want) = (vec![f32::NAN; c], vec![f32::NAN; c]);
        dense_scores(&x, &w, &bias, &mut got);
        scalar::dense_scores(&x, &w, &bias, &mut want);
        assert_all_close("dense_scores", c, &got, &want);
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn softmax_agrees_with_scalar() {
    let mut rng = Rng::new(4);
    for n in LENGTHS {
        // Ordinary scores, wide ones (probabilities down to the subnormal range and 0) and
        // ties at the maximum.
        for spread in [5.0f32, 40.0, 200.0] {
            let s = vec(&mut rng, n, -spread, spread);
            let (mut got, mut want) = (s.clone(), s.clone());
            let (lg, lw) = (softmax(&mut got), scalar::softmax(&mut want));
            assert_all_close("softmax", n, &got, &want);
            assert!(close(lg, lw, 1e-5), "softmax (n = {n}): log-sum-exp {lg} vs scalar {lw}");
            let total: f32 = got.iter().sum();
            assert!((total - 1.0).abs() < 1e-5, "softmax (n = {n}): sums to {total}");
        }
        let mut tied = vec![3.0f32; n];
        let lse = softmax(&mut tied);
        assert!(tied.iter().all(|&p| close(p, 1.0 / n as f32, 1e-6)));
        assert!(close(lse, 3.0 + (n as f32).ln(), 1e-6));
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn softmax_is_stable_and_normalised() {
    let mut s = [1000.0, 1000.0, -1000.0];
    let lse = softmax(&mut s);
    assert!((s[0] - 0.5).abs() < 1e-6 && s[2] == 0.0);
    assert!((lse - (1000.0 + 2f32.ln())).abs() < 1e-3);
    let mut s = [1000.0, 1000.0, -1000.0, 0.0, 999.0];
    softmax(&mut s);
    assert!(s[2] == 0.0 && s[3] == 0.0 && s[0] == s[1] && s[0] > s[4]);
    let mut t = [0.0f32, 1.0, 2.0];
    softmax(&mut t);
    let e: Vec<f32> = [0.0f32, 1.0, 2.0].iter().map(|v| v.exp()).collect();
    let z: f32 = e.iter().sum();
    for (a, b) in t.iter().zip(e) {
        assert!((a - b / z).abs() < 1e-6);
    }
    let mut bad = [0.0, f32::NAN, 1.0, 2.0, 3.0];
    assert!(softmax(&mut bad).is_nan());
}

#[wasm_bindgen_test(unsupported = test)]
fn sum_squares_agrees_with_scalar() {
    let mut rng = Rng::new(5);
    for n in LENGTHS {
        let x = vec(&mut rng, n, -10.0, 10.0);
        let (got, want) = (sum_squares(&x), scalar::sum_squares(&x));
        assert!((got - want).abs() <= 1e-12 * want, "sum_squares (n = {n}): {got} vs scalar {want}");
    }
    assert_eq!(sum_squares(&[]), 0.0);
}

#[wasm_bindgen_test(unsupported = test)]
fn adam_row_agrees_with_scalar() {
    let mut rng = Rng::new(6);
    for n in LENGTHS {
        let g = vec(&mut rng, n, -2.0, 2.0);
        let w0 = vec(&mut rng, n, -1.0, 1.0);
        let m0 = vec(&mut rng, n, -0.1, 0.1);
        let v0 = vec(&mut rng, n, 0.0, 0.01);
        let (mut w, mut m, mut v) = (w0.clone(), m0.clone(), v0.clone());
        let (mut ws, mut ms, mut vs) = (w0, m0, v0);
        for _ in 0..3 {
            adam_row(&g, &mut w, &mut m, &mut v, 0.25, 1e-4, 0.03, 0.9, 0.999, 1e-8);
            scalar::adam_row(&g, &mut ws, &mut ms, &mut vs, 0.25, 1e-4, 0.03, 0.9, 0.999, 1e-8);
        }
        assert_all_close("adam_row w", n, &w, &ws);
        assert_all_close("adam_row m", n, &m, &ms);
        assert_all_close("adam_row m2", n, &v, &vs);
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn scores_of_a_sparse_row() {
    let mut x = CsrMatrix::new(3);
    x.push_row([(0, 2.0), (2, 1.0)]);
    let w = [1.0, 2.0, 10.0, 20.0, 0.5, -1.0];
    let mut out = [0.0; 2];
    sparse_scores(x.row(0), &w, &[0.25, 0.0], 2.0, &mut out);
    assert_eq!(out, [2.0 * 2.5 + 0.25, 2.0 * 3.0]);
    let row = SparseRow { indices: &[1], values: &[1.0] };
    let mut out = [0.0; 2];
    sparse_scores(row, &w, &[0.0, 0.0], 1.0, &mut out);
    assert_eq!(out, [10.0, 20.0]);
}

/// The vectorised `exp` itself, on a fine grid over its whole range (SIMD128 builds only).
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[wasm_bindgen_test]
fn simd_exp_is_within_a_few_ulp() {
    use core::arch::wasm32::*;
    let mut worst = 0.0f32;
    let mut x = -110.0f32;
    while x <= 88.0 {
        let v = f32x4(x, x * 0.5, x + 0.001, -x.abs() * 1e-3);
        let e = super::simd128::exp4(v);
        let got = [f32x4_extract_lane::<0>(e), f32x4_extract_lane::<1>(e), f32x4_extract_lane::<2>(e), f32x4_extract_lane::<3>(e)];
        for (g, xi) in got.iter().zip([x, x * 0.5, x + 0.001, -x.abs() * 1e-3]) {
            let want = xi.exp();
            if want > 1e-37 {
                worst = worst.max((g - want).abs() / want);
            } else {
                assert!((g - want).abs() < 1e-40, "exp({xi}) = {g}, want {want}");
            }
        }
        x += 0.0137;
    }
    assert!(worst < 1e-6, "worst relative error of exp4: {worst}");
    let nan = super::simd128::exp4(f32x4_splat(f32::NAN));
    assert!(f32x4_extract_lane::<0>(nan).is_nan());
}
