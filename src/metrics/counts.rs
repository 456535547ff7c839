//! Input validation, label selection and the confusion matrix.

use crate::{Error, Result};

/// The labels present in a pair of label slices and their confusion matrix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Counts {
    /// Indices (into the caller's names) of the labels occurring in `y_true` or `y_pred`,
    /// ascending.
    pub label_indices: Vec<u32>,
    /// `confusion[t][p]`, over `label_indices` positions.
    pub confusion: Vec<Vec<u64>>,
}

impl Counts {
    /// Validates the inputs and counts (true, predicted) pairs.
    pub fn new(y_true: &[u32], y_pred: &[u32], n_names: usize) -> Result<Self> {
        if y_true.len() != y_pred.len() {
            return Err(Error::param(
                "y_pred",
                format!(
                    "{} predictions for {} true labels; the two must have the same length",
                    y_pred.len(),
                    y_true.len()
                ),
            ));
        }
        if y_true.is_empty() {
            return Err(Error::param("y_true", "no samples to evaluate"));
        }
        check_range("y_true", y_true, n_names)?;
        check_range("y_pred", y_pred, n_names)?;

        // Position of each name in the report, or None when the label never occurs.
        let mut position: Vec<Option<usize>> = vec![None; n_names];
        for &label in y_true.iter().chain(y_pred) {
            position[label as usize] = Some(0);
        }
        let mut label_indices = Vec::new();
        for (index, slot) in position.iter_mut().enumerate() {
            if slot.is_some() {
                *slot = Some(label_indices.len());
                // `index < n_names`, and every label (a u32) is below n_names.
                label_indices.push(index as u32);
            }
        }

        let n_labels = label_indices.len();
        let mut confusion = vec![vec![0u64; n_labels]; n_labels];
        for (&t, &p) in y_true.iter().zip(y_pred) {
            if let (Some(row), Some(col)) = (position[t as usize], position[p as usize]) {
                confusion[row][col] += 1;
            }
        }
        Ok(Counts {
            label_indices,
            confusion,
        })
    }
}

/// Fails when a label index is not below `n_names`.
fn check_range(name: &'static str, labels: &[u32], n_names: usize) -> Result<()> {
    match labels.iter().position(|&l| l as usize >= n_names) {
        None => Ok(()),
        Some(at) => Err(Error::param(
            name,
            format!(
                "label index {} at position {} is out of range: there are {} label names",
                labels[at], at, n_names
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confusion_rows_are_true_columns_predicted() {
        // sklearn.metrics.confusion_matrix([0, 2, 2, 3], [2, 2, 0, 3]) over labels 0, 2, 3.
        let c = Counts::new(&[0, 2, 2, 3], &[2, 2, 0, 3], 5).unwrap();
        assert_eq!(c.label_indices, vec![0, 2, 3]);
        assert_eq!(
            c.confusion,
            vec![vec![0, 1, 0], vec![1, 1, 0], vec![0, 0, 1]]
        );
    }

    #[test]
    fn errors() {
        let length = Counts::new(&[0, 1], &[0], 2).unwrap_err().to_string();
        assert!(
            length.contains("1 predictions for 2 true labels"),
            "{length}"
        );
        let empty = Counts::new(&[], &[], 2).unwrap_err().to_string();
        assert!(empty.contains("no samples"), "{empty}");
        let range = Counts::new(&[0, 1], &[0, 2], 2).unwrap_err().to_string();
        assert!(
            range.contains("y_pred") && range.contains("label index 2 at position 1"),
            "{range}"
        );
        let range = Counts::new(&[7], &[0], 0).unwrap_err().to_string();
        assert!(range.contains("y_true"), "{range}");
        assert!(matches!(
            Counts::new(&[], &[], 0),
            Err(Error::InvalidParameter { .. })
        ));
    }
}
