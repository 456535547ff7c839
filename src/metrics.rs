//! Accuracy, per-class precision / recall / F1, confusion matrix and scikit-learn's report layout.
