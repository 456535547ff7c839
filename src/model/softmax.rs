//! Softmax (multinomial logistic) regression: `p(y | x) = softmax(x W + b)`.

use super::Classifier;
use crate::features::SparseRow;
use crate::kernels;
use crate::{Error, Result};
use ndarray::{Array1, Array2};

/// A fitted softmax regression: weights `n_features × n_classes` and one bias per class.
#[derive(Debug, Clone, PartialEq)]
pub struct SoftmaxRegression {
    weights: Array2<f32>,
    bias: Array1<f32>,
}

impl SoftmaxRegression {
    /// A model from its parameters; every value must be finite.
    pub fn new(weights: Array2<f32>, bias: Array1<f32>) -> Result<Self> {
        if weights.ncols() != bias.len() {
            return Err(Error::ModelFile(format!(
                "weights have {} classes but the bias has {}",
                weights.ncols(),
                bias.len()
            )));
        }
        if bias.len() < 2 {
            return Err(Error::ModelFile(format!("{} classes; at least 2 are needed", bias.len())));
        }
        if weights.iter().chain(bias.iter()).any(|v| !v.is_finite()) {
            return Err(Error::ModelFile("weights contain NaN or infinite values".into()));
        }
        let weights = weights.as_standard_layout().into_owned();
        Ok(SoftmaxRegression { weights, bias })
    }

    /// Weights, `n_features × n_classes`, row-major.
    pub fn weights(&self) -> &Array2<f32> {
        &self.weights
    }
    /// Bias per class.
    pub fn bias(&self) -> &Array1<f32> {
        &self.bias
    }
}

impl Classifier for SoftmaxRegression {
    fn n_features(&self) -> usize {
        self.weights.nrows()
    }
    fn n_classes(&self) -> usize {
        self.bias.len()
    }
    fn scores(&self, row: SparseRow<'_>, out: &mut [f32]) {
        let w = self.weights.as_slice().expect("standard layout");
        kernels::sparse_scores(row, w, self.bias.as_slice().expect("contiguous"), 1.0, out);
    }
    fn probabilities(&self, row: SparseRow<'_>, out: &mut [f32]) {
        self.scores(row, out);
        kernels::softmax(out);
    }
    fn contributions(&self, row: SparseRow<'_>, class: usize) -> Vec<(usize, f32)> {
        row.iter().map(|(j, v)| (j, v * self.weights[[j, class]])).collect()
    }
}
