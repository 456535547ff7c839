//! Learners behind one interface.
//!
//! A fitted learner implements [`Classifier`]; [`Model`] is the closed set of fitted learners
//! a model file can hold. Today: softmax regression. The road ahead (a one-hidden-layer ReLU
//! network, naive Bayes, a linear SVM) adds variants here and a trainer in `crate::train`.

pub mod softmax;

use crate::features::{CsrMatrix, SparseRow};
pub use softmax::SoftmaxRegression;

/// What every fitted classifier can do with one TF-IDF row.
pub trait Classifier {
    /// Number of input features.
    fn n_features(&self) -> usize;
    /// Number of classes.
    fn n_classes(&self) -> usize;
    /// Unnormalised class scores (logits) into `out` (`n_classes` long).
    fn scores(&self, row: SparseRow<'_>, out: &mut [f32]);
    /// Class probabilities into `out` (`n_classes` long, summing to 1).
    fn probabilities(&self, row: SparseRow<'_>, out: &mut [f32]);
    /// How much each present feature added to the score of `class`: `(feature, amount)`.
    fn contributions(&self, row: SparseRow<'_>, class: usize) -> Vec<(usize, f32)>;

    /// The most probable class of every row (ties go to the lower class index).
    fn predict(&self, x: &CsrMatrix) -> Vec<u32> {
        let mut s = vec![0.0; self.n_classes()];
        (0..x.n_rows())
            .map(|r| {
                self.scores(x.row(r), &mut s);
                argmax(&s) as u32
            })
            .collect()
    }
}

/// Index of the largest value (the first one on ties).
pub fn argmax(v: &[f32]) -> usize {
    let mut best = 0;
    for (i, &x) in v.iter().enumerate() {
        if x > v[best] {
            best = i;
        }
    }
    best
}

/// A fitted model of any supported family.
#[derive(Debug, Clone, PartialEq)]
pub enum Model {
    /// Softmax regression.
    Softmax(SoftmaxRegression),
}

impl Model {
    /// The model as a [`Classifier`].
    pub fn classifier(&self) -> &dyn Classifier {
        match self {
            Model::Softmax(m) => m,
        }
    }
}
