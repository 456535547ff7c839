//! Making models smaller: symmetric int8 quantization with one scale per class, and pruning of
//! features whose weights are all near zero.

use crate::features::TfidfVectorizer;
use crate::model::{Model, SoftmaxRegression};
use crate::pipeline::TextClassifier;
use crate::{Error, Result};
use ndarray::{Array1, Array2, Axis};

/// Quantizes `w` (`n_features × n_classes`) per class: returns the int8 values in
/// `[n_classes, n_features]` order and one scale per class (`w ≈ q × scale`).
pub(crate) fn quantize_int8(w: &Array2<f32>) -> (Vec<i8>, Vec<f32>) {
    let (f, c) = w.dim();
    let mut q = Vec::with_capacity(f * c);
    let mut scales = Vec::with_capacity(c);
    for k in 0..c {
        let col = w.column(k);
        let max = col.iter().fold(0.0f32, |m, v| m.max(v.abs()));
        let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
        scales.push(scale);
        q.extend(col.iter().map(|v| (v / scale).round().clamp(-127.0, 127.0) as i8));
    }
    (q, scales)
}

/// The inverse of [`quantize_int8`]: `n_features × n_classes` floats.
pub(crate) fn dequantize_int8(q: &[i8], scales: &[f32], n_features: usize) -> Array2<f32> {
    let c = scales.len();
    Array2::from_shape_fn((n_features, c), |(j, k)| q[k * n_features + j] as f32 * scales[k])
}

/// Drops the features whose weights are all below `threshold` in absolute value (relative to
/// the largest absolute weight of the model), with their vocabulary terms and idf. Rows of
/// the TF-IDF matrix are normalised over the remaining terms, so predictions can change
/// slightly; measure the accuracy of a pruned model before shipping it.
pub fn prune(clf: &TextClassifier, threshold: f32) -> Result<TextClassifier> {
    if !(threshold.is_finite() && threshold >= 0.0) {
        return Err(Error::param("--prune", format!("must be a non-negative number, got {threshold}")));
    }
    let Model::Softmax(m) = &clf.model;
    let w = m.weights();
    let max = w.iter().fold(0.0f32, |a, v| a.max(v.abs()));
    let keep: Vec<usize> = (0..w.nrows())
        .filter(|&j| w.row(j).iter().any(|v| v.abs() >= threshold * max))
        .collect();
    if keep.is_empty() {
        return Err(Error::param("--prune", format!("{threshold} removes every feature")));
    }
    let terms = keep.iter().map(|&j| clf.vectorizer.terms()[j].clone()).collect();
    let idf = keep.iter().map(|&j| clf.vectorizer.idf()[j]).collect();
    let vectorizer = TfidfVectorizer::from_parts(clf.vectorizer.config().clone(), terms, idf)?;
    let weights = w.select(Axis(0), &keep);
    let model = SoftmaxRegression::new(weights, Array1::from(m.bias().to_vec()))?;
    TextClassifier::new(clf.config.clone(), vectorizer, clf.labels.clone(), Model::Softmax(model))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int8_round_trip_error_is_at_most_half_a_step() {
        let w = Array2::from_shape_fn((50, 3), |(j, k)| ((j * 7 + k * 13) % 23) as f32 / 7.0 - 1.5);
        let (q, s) = quantize_int8(&w);
        assert_eq!((q.len(), s.len()), (150, 3));
        let back = dequantize_int8(&q, &s, 50);
        for ((j, k), v) in w.indexed_iter() {
            assert!((back[[j, k]] - v).abs() <= s[k] / 2.0 + 1e-6, "{j},{k}");
        }
        let zeros = Array2::<f32>::zeros((4, 2));
        let (q, s) = quantize_int8(&zeros);
        assert!(q.iter().all(|&v| v == 0) && s.iter().all(|&v| v == 1.0));
    }
}
