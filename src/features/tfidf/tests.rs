//! Golden values from scikit-learn 1.9.1:
//!
//! ```python
//! from sklearn.feature_extraction.text import TfidfVectorizer
//! docs = ["The cat sat on the mat.", "The dog sat on the log!",
//!         "Cats and dogs: cats, dogs, cats.", "A mat, a log, a dog."]
//! v = TfidfVectorizer(**kw); X = v.fit_transform(docs)
//! v.get_feature_names_out(), v.idf_, X.toarray().round(8)
//! ```
use super::*;
use crate::text::StopWords;

const DOCS: [&str; 4] = [
    "The cat sat on the mat.",
    "The dog sat on the log!",
    "Cats and dogs: cats, dogs, cats.",
    "A mat, a log, a dog.",
];

fn dense(x: &CsrMatrix) -> Vec<Vec<f32>> {
    (0..x.n_rows())
        .map(|r| {
            let mut v = vec![0.0; x.n_cols()];
            for (j, val) in x.row(r).iter() {
                v[j] = val;
            }
            v
        })
        .collect()
}

fn check(config: TfidfConfig, terms: &[&str], idf: &[f64], want: &[&[f64]]) {
    let (v, x) = TfidfVectorizer::fit_transform(config, &DOCS, &mut |_| {}).unwrap();
    assert_eq!(v.terms(), terms);
    for (a, b) in v.idf().iter().zip(idf) {
        assert!((*a as f64 - b).abs() < 1e-6, "idf {a} vs {b}");
    }
    let got = dense(&x);
    for (r, (g, w)) in got.iter().zip(want).enumerate() {
        for (j, (a, b)) in g.iter().zip(w.iter()).enumerate() {
            assert!((*a as f64 - b).abs() < 1e-6, "row {r} col {j}: {a} vs {b}");
        }
    }
    // Transforming the training texts again gives the same matrix.
    assert_eq!(dense(&v.transform(&DOCS)), got);
}

#[test]
fn defaults() {
    check(
        TfidfConfig::default(),
        &["and", "cat", "cats", "dog", "dogs", "log", "mat", "on", "sat", "the"],
        &[1.91629073, 1.91629073, 1.91629073, 1.51082562, 1.91629073, 1.51082562, 1.51082562,
          1.51082562, 1.51082562, 1.51082562],
        &[
            &[0.0, 0.43229129, 0.0, 0.0, 0.0, 0.0, 0.34082342, 0.34082342, 0.34082342, 0.68164684],
            &[0.0, 0.0, 0.0, 0.35355339, 0.0, 0.35355339, 0.0, 0.35355339, 0.35355339, 0.70710678],
            &[0.26726124, 0.0, 0.80178373, 0.0, 0.53452248, 0.0, 0.0, 0.0, 0.0, 0.0],
            &[0.0, 0.0, 0.0, 0.57735027, 0.0, 0.57735027, 0.57735027, 0.0, 0.0, 0.0],
        ],
    );
}

#[test]
fn stop_words_bigrams_sublinear() {
    let mut c = TfidfConfig { sublinear_tf: true, ..Default::default() };
    c.analyzer.stop_words = StopWords::English;
    c.analyzer.ngram_range = (1, 2);
    check(
        c,
        &["cat", "cat sat", "cats", "cats dogs", "dog", "dog sat", "dogs", "dogs cats", "log",
          "log dog", "mat", "mat log", "sat", "sat log", "sat mat"],
        &[1.91629073, 1.91629073, 1.91629073, 1.91629073, 1.51082562, 1.91629073, 1.91629073,
          1.91629073, 1.51082562, 1.91629073, 1.51082562, 1.91629073, 1.51082562, 1.91629073,
          1.91629073],
        &[
            &[0.48546061, 0.48546061, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.38274272, 0.0,
              0.38274272, 0.0, 0.48546061],
            &[0.0, 0.0, 0.0, 0.0, 0.40104275, 0.50867187, 0.0, 0.0, 0.40104275, 0.0, 0.0, 0.0,
              0.40104275, 0.50867187, 0.0],
            &[0.0, 0.0, 0.5819515, 0.4695148, 0.0, 0.0, 0.4695148, 0.4695148, 0.0, 0.0, 0.0, 0.0,
              0.0, 0.0, 0.0],
            &[0.0, 0.0, 0.0, 0.0, 0.40104275, 0.0, 0.0, 0.0, 0.40104275, 0.50867187, 0.40104275,
              0.50867187, 0.0, 0.0, 0.0],
        ],
    );
}

#[test]
fn min_df_max_df_and_an_empty_row() {
    let c = TfidfConfig {
        min_df: DfBound::Count(2),
        max_df: DfBound::Fraction(0.5),
        ..Default::default()
    };
    check(
        c,
        &["dog", "log", "mat", "on", "sat", "the"],
        &[1.51082562; 6],
        &[
            &[0.0, 0.0, 0.37796447, 0.37796447, 0.37796447, 0.75592895],
            &[0.35355339, 0.35355339, 0.0, 0.35355339, 0.35355339, 0.70710678],
            &[0.0; 6],
            &[0.57735027, 0.57735027, 0.57735027, 0.0, 0.0, 0.0],
        ],
    );
}

#[test]
fn max_features_keeps_the_most_frequent() {
    let (v, _) = TfidfVectorizer::fit_transform(
        TfidfConfig { max_features: Some(2), ..Default::default() },
        &DOCS,
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(v.terms(), ["cats", "the"]);
}

#[test]
fn df_bounds_parse_like_scikit_learn_types() {
    assert_eq!("5".parse::<DfBound>(), Ok(DfBound::Count(5)));
    assert_eq!("0.5".parse::<DfBound>(), Ok(DfBound::Fraction(0.5)));
    assert_eq!("1.0".parse::<DfBound>(), Ok(DfBound::Fraction(1.0)));
    assert!("1.5".parse::<DfBound>().is_err());
    assert!("-1".parse::<DfBound>().is_err());
    assert!("abc".parse::<DfBound>().is_err());
}

#[test]
fn errors_are_clear() {
    let e = TfidfVectorizer::fit_transform(
        TfidfConfig { min_df: DfBound::Count(3), max_df: DfBound::Count(2), ..Default::default() },
        &DOCS,
        &mut |_| {},
    )
    .unwrap_err();
    assert!(e.to_string().contains("--max-df"), "{e}");
    let e = TfidfVectorizer::fit_transform(
        TfidfConfig { min_df: DfBound::Count(4), ..Default::default() },
        &DOCS,
        &mut |_| {},
    )
    .unwrap_err();
    assert!(e.to_string().contains("no terms remain"), "{e}");
    let none: [&str; 0] = [];
    assert!(TfidfVectorizer::fit_transform(TfidfConfig::default(), &none, &mut |_| {}).is_err());
}

#[test]
fn from_parts_rejects_inconsistent_vocabularies() {
    let c = TfidfConfig::default();
    assert!(TfidfVectorizer::from_parts(c.clone(), vec!["a b".into()], vec![1.0]).is_err());
    assert!(TfidfVectorizer::from_parts(c.clone(), vec!["ab".into(), "ab".into()], vec![1.0, 1.0])
        .is_err());
    assert!(TfidfVectorizer::from_parts(c.clone(), vec!["ab".into()], vec![f32::NAN]).is_err());
    assert!(TfidfVectorizer::from_parts(c, vec!["ab".into()], vec![]).is_err());
}

#[test]
fn unknown_words_break_ngrams() {
    let mut c = TfidfConfig::default();
    c.analyzer.ngram_range = (2, 2);
    let (v, _) = TfidfVectorizer::fit_transform(c, &["aa bb cc"], &mut |_| {}).unwrap();
    assert_eq!(v.terms(), ["aa bb", "bb cc"]);
    let x = v.transform(&["aa zz bb cc aa bb"]);
    assert_eq!(x.row(0).indices, &[0, 1]);
}

#[test]
fn stop_words_do_not_break_ngrams_when_transforming() {
    // scikit-learn drops stop words before forming n-grams: "aa the bb" has the bigram
    // "aa bb", while an unknown word ("zz") breaks the bigram through it.
    let mut c = TfidfConfig::default();
    c.analyzer.ngram_range = (2, 2);
    c.analyzer.stop_words = StopWords::English;
    let (v, _) = TfidfVectorizer::fit_transform(c, &["aa bb cc"], &mut |_| {}).unwrap();
    assert_eq!(v.terms(), ["aa bb", "bb cc"]);
    let x = v.transform(&["aa the bb", "bb zz cc", "the"]);
    assert_eq!(x.row(0).indices, &[0]);
    assert_eq!(x.row(1).nnz(), 0);
    assert_eq!(x.row(2).nnz(), 0);
}
