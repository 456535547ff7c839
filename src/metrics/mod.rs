//! Accuracy, per-class precision / recall / F1, confusion matrix and scikit-learn's report layout.
//!
//! [`evaluate`] reproduces `sklearn.metrics.classification_report` (scikit-learn 1.9.1) with the
//! default `zero_division="warn"`: a precision or recall whose denominator is zero is `0.0`, and
//! F1 is `2·tp / (true + predicted)`, `0.0` when a label is neither true nor predicted. The
//! averages are computed the way NumPy computes them — pairwise summation (see
//! [`pairwise`]) — so every number is bit-for-bit the one scikit-learn returns, and
//! [`Report::to_text`] / [`Report::to_json`] give its text and `output_dict=True` forms.
//!
//! The report covers only the labels that occur in `y_true` or `y_pred`, in the order of the
//! `names` list (scikit-learn sorts the labels; the caller sorts `names` the same way).

mod counts;
mod layout;
pub mod pairwise;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_data;

use serde::Serialize;

use crate::Result;

/// An average row of the report (`macro avg` or `weighted avg`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Average {
    /// Averaged precision.
    pub precision: f64,
    /// Averaged recall.
    pub recall: f64,
    /// Averaged F1 score.
    pub f1: f64,
    /// Number of samples (the sum of the per-class supports).
    pub support: u64,
}

/// The evaluation of predictions against true labels, as `classification_report` sees it.
///
/// All per-class vectors and both confusion-matrix axes follow [`Report::labels`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    labels: Vec<String>,
    label_indices: Vec<u32>,
    precision: Vec<f64>,
    recall: Vec<f64>,
    f1: Vec<f64>,
    support: Vec<u64>,
    accuracy: f64,
    correct: u64,
    macro_avg: Average,
    weighted_avg: Average,
    confusion: Vec<Vec<u64>>,
}

/// Alias matching scikit-learn's function name.
pub type ClassificationReport = Report;

/// Evaluates predictions: `y_true[i]` and `y_pred[i]` are indices into `names`.
///
/// Fails with [`crate::Error::InvalidParameter`] when the two slices differ in length, are
/// empty, or hold an index that `names` does not cover.
pub fn evaluate(y_true: &[u32], y_pred: &[u32], names: &[String]) -> Result<Report> {
    let counts = counts::Counts::new(y_true, y_pred, names.len())?;
    let n_labels = counts.label_indices.len();
    let cm = &counts.confusion;

    let mut precision = Vec::with_capacity(n_labels);
    let mut recall = Vec::with_capacity(n_labels);
    let mut f1 = Vec::with_capacity(n_labels);
    let mut support = Vec::with_capacity(n_labels);
    let mut correct = 0u64;
    for (i, row) in cm.iter().enumerate() {
        let tp = row[i];
        let true_sum: u64 = row.iter().sum();
        let pred_sum: u64 = cm.iter().map(|r| r[i]).sum();
        correct += tp;
        precision.push(divide(tp as f64, pred_sum as f64));
        recall.push(divide(tp as f64, true_sum as f64));
        // scikit-learn: (1 + β²)·tp / (β²·true + predicted), with β = 1.
        f1.push(divide(2.0 * tp as f64, true_sum as f64 + pred_sum as f64));
        support.push(true_sum);
    }
    let n = y_true.len() as u64;

    let macro_of = |v: &[f64]| pairwise::sum(v) / n_labels as f64;
    let weights: Vec<f64> = support.iter().map(|&s| s as f64).collect();
    let weight_total = pairwise::sum(&weights);
    let weighted_of = |v: &[f64]| {
        let products: Vec<f64> = v.iter().zip(&weights).map(|(a, w)| a * w).collect();
        if weight_total == 0.0 {
            // Unreachable (y_true is non-empty) but NumPy's fallback is the plain mean.
            macro_of(v)
        } else {
            pairwise::sum(&products) / weight_total
        }
    };
    let macro_avg = Average {
        precision: macro_of(&precision),
        recall: macro_of(&recall),
        f1: macro_of(&f1),
        support: n,
    };
    let weighted_avg = Average {
        precision: weighted_of(&precision),
        recall: weighted_of(&recall),
        f1: weighted_of(&f1),
        support: n,
    };

    let labels = counts
        .label_indices
        .iter()
        .map(|&i| names[i as usize].clone())
        .collect();
    Ok(Report {
        labels,
        label_indices: counts.label_indices,
        precision,
        recall,
        f1,
        support,
        // Micro precision = Σtp / Σpredicted = correct / n (the report's accuracy row).
        accuracy: correct as f64 / n as f64,
        correct,
        macro_avg,
        weighted_avg,
        confusion: counts.confusion,
    })
}

/// `numerator / denominator`, or `0.0` when the denominator is zero (`zero_division="warn"`).
fn divide(numerator: f64, denominator: f64) -> f64 {
    if denominator == 0.0 {
        0.0
    } else {
        numerator / denominator
    }
}

impl Report {
    /// Names of the labels in the report: those occurring in `y_true` or `y_pred`, in `names` order.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }
    /// For each report label, its index into the `names` given to [`evaluate`].
    pub fn label_indices(&self) -> &[u32] {
        &self.label_indices
    }
    /// Per-class precision (0.0 when the class is never predicted).
    pub fn precision(&self) -> &[f64] {
        &self.precision
    }
    /// Per-class recall (0.0 when the class never occurs in `y_true`).
    pub fn recall(&self) -> &[f64] {
        &self.recall
    }
    /// Per-class F1 score.
    pub fn f1(&self) -> &[f64] {
        &self.f1
    }
    /// Per-class support: how many samples have that true label.
    pub fn support(&self) -> &[u64] {
        &self.support
    }
    /// Fraction of samples predicted correctly.
    pub fn accuracy(&self) -> f64 {
        self.accuracy
    }
    /// Number of samples predicted correctly.
    pub fn correct(&self) -> u64 {
        self.correct
    }
    /// Number of samples evaluated.
    pub fn n_samples(&self) -> u64 {
        self.macro_avg.support
    }
    /// The unweighted mean over the report's labels.
    pub fn macro_avg(&self) -> Average {
        self.macro_avg
    }
    /// The mean weighted by support.
    pub fn weighted_avg(&self) -> Average {
        self.weighted_avg
    }
    /// Confusion matrix: `confusion_matrix()[t][p]` counts samples of true label `t` predicted
    /// as `p`, both indexing [`Report::labels`] (scikit-learn's `confusion_matrix` layout).
    pub fn confusion_matrix(&self) -> &[Vec<u64>] {
        &self.confusion
    }
}
