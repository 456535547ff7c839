//! What a finished run is judged by: the report, the predictions, the misclassified documents
//! to inspect, and the terms that weigh most for each class.

use crate::features::CsrMatrix;
use crate::metrics::Report;
use crate::model::Model;
use crate::pipeline::{TextClassifier, TermWeight};
use crate::Result;
use serde::Serialize;

/// A misclassified test document.
#[derive(Debug, Clone, Serialize)]
pub struct Mistake {
    /// Row in the test set.
    pub index: usize,
    /// The true label.
    #[serde(rename = "true")]
    pub truth: String,
    /// The predicted label.
    pub predicted: String,
    /// Probability the model gave its prediction.
    pub probability: f32,
    /// The beginning of the text.
    pub text: String,
}

/// The evaluation of a finished run.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// The classification report.
    pub report: Report,
    /// True label of each test document.
    pub truth: Vec<String>,
    /// Predicted label of each test document.
    pub predicted: Vec<String>,
    /// Misclassified documents, most confident first (at most [`MAX_MISTAKES`]).
    pub mistakes: Vec<Mistake>,
}

/// Most misclassified documents kept for inspection.
pub const MAX_MISTAKES: usize = 200;
/// Characters of text kept per misclassified document.
pub const SNIPPET_CHARS: usize = 600;

/// Evaluates `clf` on `data` (rows `x`) and lists the misclassified documents.
pub fn evaluate_with_mistakes<S: AsRef<str>>(
    clf: &TextClassifier,
    texts: &[S],
    labels: &[S],
    x: &CsrMatrix,
) -> Result<Evaluation> {
    let (report, predicted) = clf.evaluate_matrix(x, labels)?;
    let c = clf.model.classifier();
    let mut p = vec![0.0; c.n_classes()];
    let mut mistakes: Vec<Mistake> = Vec::new();
    for (i, (truth, pred)) in labels.iter().map(AsRef::as_ref).zip(&predicted).enumerate() {
        if truth != pred {
            c.probabilities(x.row(i), &mut p);
            let k = clf.labels.index_of(pred).expect("predicted label") as usize;
            mistakes.push(Mistake {
                index: i,
                truth: truth.to_string(),
                predicted: pred.clone(),
                probability: p[k],
                text: texts[i].as_ref().chars().take(SNIPPET_CHARS).collect(),
            });
        }
    }
    mistakes.sort_by(|a, b| b.probability.total_cmp(&a.probability).then(a.index.cmp(&b.index)));
    mistakes.truncate(MAX_MISTAKES);
    let truth = labels.iter().map(|l| l.as_ref().to_string()).collect();
    Ok(Evaluation { report, truth, predicted, mistakes })
}

/// The `n` terms with the largest weight for each class, as `(label, terms)`.
pub fn top_terms(clf: &TextClassifier, n: usize) -> Vec<(String, Vec<TermWeight>)> {
    let Model::Softmax(m) = &clf.model;
    let w = m.weights();
    clf.labels
        .names()
        .iter()
        .enumerate()
        .map(|(k, label)| {
            let mut col: Vec<(usize, f32)> = w.column(k).iter().copied().enumerate().collect();
            let order = |a: &(usize, f32), b: &(usize, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
            if n < col.len() {
                col.select_nth_unstable_by(n, order); // the n largest first, unordered
                col.truncate(n);
            }
            col.sort_unstable_by(order);
            let terms = col
                .into_iter()
                .take(n)
                .map(|(j, weight)| TermWeight { term: clf.vectorizer.terms()[j].clone(), weight })
                .collect();
            (label.clone(), terms)
        })
        .collect()
}
