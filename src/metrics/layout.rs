//! The text and `output_dict=True` forms of scikit-learn's `classification_report`.
//!
//! Text layout (scikit-learn 1.9.1, `_classification.py`): `width = max(longest name,
//! len("weighted avg"), digits)`; the header is `"{:>width} "` of an empty string followed by
//! `" {:>9}"` of each of precision, recall, f1-score, support, then a blank line; each class
//! row is `"{name:>width} "` + `" {:>9.{digits}f}"` × 3 + `" {support:>9}\n"`; a blank line; then
//! the accuracy row (two blank 9-wide cells, the accuracy, the sample count), `macro avg` and
//! `weighted avg`, each ending in `\n`. Widths count Unicode scalar values, as Python's `len`
//! and `str.format` do. Numbers are rounded half-to-even on their exact binary value, as both
//! Python's `format` and Rust's `{:.*}` do.

use serde_json::{Map, Value};

use super::{Average, Report};

/// The heading that sets the minimum name-column width.
const LONGEST_LAST_LINE_HEADING: &str = "weighted avg";
/// Width of the number columns.
const CELL: usize = 9;
/// Beyond this many decimals every value in `[0, 1]` of the report is exact and only zeros
/// follow (an `f64` has at most 1074 fractional binary, hence decimal, digits).
const MAX_EXACT_DIGITS: usize = 1100;

impl Report {
    /// The report exactly as `print(classification_report(y_true, y_pred,
    /// target_names=labels, digits=digits), end="")` shows it (the string ends with `\n`).
    pub fn to_text(&self, digits: usize) -> String {
        let name_width = self
            .labels
            .iter()
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0);
        let width = name_width
            .max(LONGEST_LAST_LINE_HEADING.chars().count())
            .max(digits);

        let mut out = String::new();
        pad(&mut out, "", width);
        out.push(' ');
        for header in ["precision", "recall", "f1-score", "support"] {
            cell(&mut out, header);
        }
        out.push_str("\n\n");
        for i in 0..self.labels.len() {
            row(
                &mut out,
                &self.labels[i],
                width,
                digits,
                [self.precision[i], self.recall[i], self.f1[i]],
                self.support[i],
            );
        }
        out.push('\n');

        pad(&mut out, "accuracy", width);
        out.push(' ');
        cell(&mut out, "");
        cell(&mut out, "");
        cell(&mut out, &fixed(self.accuracy, digits));
        cell(&mut out, &self.n_samples().to_string());
        out.push('\n');

        for (heading, avg) in [
            ("macro avg", &self.macro_avg),
            ("weighted avg", &self.weighted_avg),
        ] {
            row(
                &mut out,
                heading,
                width,
                digits,
                [avg.precision, avg.recall, avg.f1],
                avg.support,
            );
        }
        out
    }

    /// The dictionary of `classification_report(..., output_dict=True)`: one entry per label
    /// (in report order), then `"accuracy"` (a number), `"macro avg"` and `"weighted avg"`;
    /// the inner objects hold `"precision"`, `"recall"`, `"f1-score"` and `"support"`, all
    /// floats (scikit-learn 1.9.1 converts the support with `float()`, so `7.0`, not `7`).
    ///
    /// Keys are inserted in scikit-learn's order with Python `dict` semantics, so duplicate
    /// names, or a label called e.g. `"accuracy"`, collapse exactly as they do in Python.
    pub fn to_json(&self) -> Value {
        let mut map = Map::new();
        for i in 0..self.labels.len() {
            map.insert(
                self.labels[i].clone(),
                scores(
                    self.precision[i],
                    self.recall[i],
                    self.f1[i],
                    self.support[i],
                ),
            );
        }
        map.insert("accuracy".to_owned(), Value::from(self.accuracy));
        map.insert("macro avg".to_owned(), average(&self.macro_avg));
        map.insert("weighted avg".to_owned(), average(&self.weighted_avg));
        Value::Object(map)
    }

    /// The confusion matrix as a JSON array of rows (true labels) of counts.
    pub fn confusion_json(&self) -> Value {
        Value::Array(
            self.confusion
                .iter()
                .map(|row| Value::Array(row.iter().map(|&c| Value::from(c)).collect()))
                .collect(),
        )
    }

    /// The report's label names as a JSON array of strings.
    pub fn labels_json(&self) -> Value {
        Value::Array(
            self.labels
                .iter()
                .map(|l| Value::from(l.as_str()))
                .collect(),
        )
    }
}

fn average(avg: &Average) -> Value {
    scores(avg.precision, avg.recall, avg.f1, avg.support)
}

fn scores(precision: f64, recall: f64, f1: f64, support: u64) -> Value {
    let mut map = Map::new();
    map.insert("precision".to_owned(), Value::from(precision));
    map.insert("recall".to_owned(), Value::from(recall));
    map.insert("f1-score".to_owned(), Value::from(f1));
    map.insert("support".to_owned(), Value::from(support as f64));
    Value::Object(map)
}

/// One `row_fmt` line: name, three fixed-point numbers, the support and `\n`.
fn row(out: &mut String, name: &str, width: usize, digits: usize, values: [f64; 3], support: u64) {
    pad(out, name, width);
    out.push(' ');
    for v in values {
        cell(out, &fixed(v, digits));
    }
    cell(out, &support.to_string());
    out.push('\n');
}

/// `" {:>9}"`.
fn cell(out: &mut String, text: &str) {
    out.push(' ');
    pad(out, text, CELL);
}

/// Right-aligns `text` in `width` characters (never truncates), like `{:>width}`.
fn pad(out: &mut String, text: &str, width: usize) {
    let len = text.chars().count();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(len)));
    out.push_str(text);
}

/// Python's `format(value, f".{digits}f")`: correctly rounded, ties to even on the exact value.
fn fixed(value: f64, digits: usize) -> String {
    if digits <= MAX_EXACT_DIGITS || !value.is_finite() {
        format!("{:.*}", digits.min(MAX_EXACT_DIGITS), value)
    } else {
        let mut s = format!("{:.*}", MAX_EXACT_DIGITS, value);
        s.extend(std::iter::repeat_n('0', digits - MAX_EXACT_DIGITS));
        s
    }
}

#[cfg(test)]
mod tests {
    use super::fixed;

    /// Python: `[format(v, f".{d}f") for v in VALUES for d in range(5)]` — ties go to the even
    /// neighbour of the exact binary value (0.125 → "0.12", 0.375 → "0.38", 0.5 → "0").
    #[test]
    fn rounding_matches_python() {
        let cases: [(f64, [&str; 5]); 9] = [
            (0.125, ["0", "0.1", "0.12", "0.125", "0.1250"]),
            (0.5, ["0", "0.5", "0.50", "0.500", "0.5000"]),
            (0.005, ["0", "0.0", "0.01", "0.005", "0.0050"]),
            (0.9995, ["1", "1.0", "1.00", "1.000", "0.9995"]),
            (1.0, ["1", "1.0", "1.00", "1.000", "1.0000"]),
            (0.375, ["0", "0.4", "0.38", "0.375", "0.3750"]),
            (0.045, ["0", "0.0", "0.04", "0.045", "0.0450"]),
            (0.8125, ["1", "0.8", "0.81", "0.812", "0.8125"]),
            (0.0, ["0", "0.0", "0.00", "0.000", "0.0000"]),
        ];
        for (v, expected) in cases {
            for (d, e) in expected.iter().enumerate() {
                assert_eq!(fixed(v, d), *e, "{v} with {d} digits");
            }
        }
    }

    #[test]
    fn huge_precision_does_not_panic() {
        let s = fixed(0.5, 70_000);
        assert_eq!(s.len(), 70_002);
        assert!(s.starts_with("0.5000") && s.ends_with('0'));
    }
}
