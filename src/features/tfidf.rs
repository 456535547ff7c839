//! TF-IDF weighting with scikit-learn's `TfidfVectorizer` semantics.
//!
//! Fitting (on the training documents only): count terms, drop those whose document frequency
//! is above `max_df` or below `min_df`, keep the `max_features` most frequent (total count over
//! the corpus; ties broken alphabetically), sort the vocabulary alphabetically. Then
//! `idf = ln((1 + n) / (1 + df)) + 1` (smooth) or `ln(n / df) + 1`, each value is
//! `tf * idf` with `tf` the raw count or `1 + ln(count)` (`sublinear_tf`), and every row is
//! scaled to unit l2 norm.

use super::sparse::CsrMatrix;
use super::vocabulary::{walk_ngrams, TermCounts, TermTrie, TokenKind};
use crate::text::stop_words::{StopWords, ENGLISH};
use crate::text::{Analyzer, AnalyzerConfig};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// A document-frequency bound: an absolute number of documents or a fraction of them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DfBound {
    /// At most / at least this many documents.
    Count(u64),
    /// At most / at least this fraction of the documents (in `[0, 1]`).
    Fraction(f64),
}

impl DfBound {
    /// The bound in documents for a corpus of `n_docs` (a float, as scikit-learn compares).
    pub fn resolve(self, n_docs: usize) -> f64 {
        match self {
            DfBound::Count(c) => c as f64,
            DfBound::Fraction(f) => f * n_docs as f64,
        }
    }
}

impl FromStr for DfBound {
    type Err = String;
    /// `"5"` is a count, `"0.5"` or `"1.0"` (a decimal point or exponent) a fraction.
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        let s = s.trim();
        if s.contains(['.', 'e', 'E']) {
            let f: f64 = s.parse().map_err(|_| format!("{s:?} is not a number"))?;
            if !(0.0..=1.0).contains(&f) {
                return Err(format!("{s} is a fraction outside [0, 1]"));
            }
            Ok(DfBound::Fraction(f))
        } else {
            s.parse::<u64>()
                .map(DfBound::Count)
                .map_err(|_| format!("{s:?} is neither a document count nor a fraction like 0.5"))
        }
    }
}

/// Row normalisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Norm {
    /// Unit Euclidean length (scikit-learn's default).
    #[default]
    L2,
    /// No normalisation.
    None,
}

/// Vectorizer settings, named after scikit-learn's `TfidfVectorizer` parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TfidfConfig {
    /// Tokenizer, stop words and n-grams.
    pub analyzer: AnalyzerConfig,
    /// Ignore terms in fewer documents than this.
    pub min_df: DfBound,
    /// Ignore terms in more documents than this.
    pub max_df: DfBound,
    /// Keep only the most frequent terms.
    pub max_features: Option<usize>,
    /// Use `1 + ln(tf)` instead of `tf`.
    pub sublinear_tf: bool,
    /// Add one to document frequencies (as if one document held every term).
    pub smooth_idf: bool,
    /// Row normalisation.
    pub norm: Norm,
}

impl Default for TfidfConfig {
    fn default() -> Self {
        TfidfConfig {
            analyzer: AnalyzerConfig::default(),
            min_df: DfBound::Count(1),
            max_df: DfBound::Fraction(1.0),
            max_features: None,
            sublinear_tf: false,
            smooth_idf: true,
            norm: Norm::L2,
        }
    }
}

impl TfidfConfig {
    /// Checks the settings that do not depend on the data.
    pub fn validate(&self) -> Result<()> {
        self.analyzer.validate()?;
        if self.max_features == Some(0) {
            return Err(Error::param("--max-features", "must be at least 1"));
        }
        Ok(())
    }
}

/// A fitted TF-IDF vectorizer: vocabulary (alphabetical) and idf weights.
#[derive(Debug, Clone)]
pub struct TfidfVectorizer {
    config: TfidfConfig,
    terms: Vec<String>,
    idf: Vec<f32>,
    trie: TermTrie,
    /// Feature index of each trie node (`u32::MAX` for nodes that are only prefixes).
    feature_of: Vec<u32>,
}

const NONE: u32 = u32::MAX;

impl TfidfVectorizer {
    /// Fits on `texts` and returns the vectorizer with the TF-IDF matrix of `texts`.
    pub fn fit_transform<S: AsRef<str>>(
        config: TfidfConfig,
        texts: &[S],
        progress: &mut dyn FnMut(usize),
    ) -> Result<(TfidfVectorizer, CsrMatrix)> {
        config.validate()?;
        let mut analyzer = Analyzer::new(config.analyzer.clone())?;
        let counts = TermCounts::count(&mut analyzer, texts, progress);
        TfidfVectorizer::fit_counts(config, &counts)
    }

    /// Fits on term counts gathered document by document (see [`TermCounts::add`]) and
    /// returns the vectorizer with the TF-IDF matrix of the counted documents.
    pub fn fit_counts(config: TfidfConfig, counts: &TermCounts) -> Result<(TfidfVectorizer, CsrMatrix)> {
        config.validate()?;
        let n = counts.n_docs();
        if n == 0 {
            return Err(Error::Fit("no training documents".into()));
        }
        let (max_doc, min_doc) = (config.max_df.resolve(n), config.min_df.resolve(n));
        if max_doc < min_doc {
            return Err(Error::param(
                "--max-df",
                format!("max_df ({max_doc} documents) is below min_df ({min_doc} documents)"),
            ));
        }
        // Candidates: terms produced as features (tf > 0) within the df bounds.
        let mut kept: Vec<(String, u32)> = (0..counts.trie.len() as u32)
            .filter(|&id| {
                let (df, tf) = (counts.df[id as usize] as f64, counts.tf[id as usize]);
                tf > 0 && df <= max_doc && df >= min_doc
            })
            .map(|id| (counts.trie.text(id), id))
            .collect();
        kept.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        if let Some(limit) = config.max_features {
            if kept.len() > limit {
                // Most frequent first; ties in alphabetical order (`kept` is sorted).
                let mut order: Vec<usize> = (0..kept.len()).collect();
                order.sort_unstable_by(|&a, &b| {
                    counts.tf[kept[b].1 as usize].cmp(&counts.tf[kept[a].1 as usize]).then(a.cmp(&b))
                });
                let mut keep = vec![false; kept.len()];
                for &i in &order[..limit] {
                    keep[i] = true;
                }
                let mut it = keep.iter();
                kept.retain(|_| *it.next().unwrap());
            }
        }
        if kept.is_empty() {
            return Err(Error::Fit(
                "after pruning, no terms remain; try a lower --min-df or a higher --max-df".into(),
            ));
        }
        let n_f = n as f64 + if config.smooth_idf { 1.0 } else { 0.0 };
        let idf: Vec<f32> = kept
            .iter()
            .map(|(_, id)| {
                let df = counts.df[*id as usize] as f64 + if config.smooth_idf { 1.0 } else { 0.0 };
                ((n_f / df).ln() + 1.0) as f32
            })
            .collect();
        // Training matrix straight from the counts (no second tokenization).
        let mut remap = vec![NONE; counts.trie.len()];
        for (f, (_, id)) in kept.iter().enumerate() {
            remap[*id as usize] = f as u32;
        }
        let terms: Vec<String> = kept.into_iter().map(|(t, _)| t).collect();
        let vectorizer = TfidfVectorizer::from_parts(config, terms, idf)?;
        let mut x = CsrMatrix::with_capacity(vectorizer.terms.len(), n, counts.terms.len());
        let mut row: Vec<(u32, u32)> = Vec::new();
        for d in 0..n {
            row.clear();
            let (a, b) = (counts.offsets[d], counts.offsets[d + 1]);
            for k in a..b {
                let f = remap[counts.terms[k] as usize];
                if f != NONE {
                    row.push((f, counts.counts[k]));
                }
            }
            row.sort_unstable_by_key(|e| e.0);
            vectorizer.push_weighted(&mut x, &row);
        }
        Ok((vectorizer, x))
    }

    /// A vectorizer from its parts (as stored in a model file): the terms must be distinct,
    /// well-formed n-grams within the configured range, with one finite positive idf each.
    pub fn from_parts(config: TfidfConfig, terms: Vec<String>, idf: Vec<f32>) -> Result<Self> {
        config.validate()?;
        if terms.len() != idf.len() {
            return Err(Error::ModelFile(format!(
                "{} vocabulary terms but {} idf weights",
                terms.len(),
                idf.len()
            )));
        }
        if let Some(bad) = idf.iter().position(|v| !v.is_finite() || *v <= 0.0) {
            return Err(Error::ModelFile(format!("idf weight {bad} is {}", idf[bad])));
        }
        let mut trie = TermTrie::default();
        let mut feature_of = Vec::new();
        let (lo, hi) = config.analyzer.ngram_range;
        for (f, term) in terms.iter().enumerate() {
            let id = trie.intern_text(term)? as usize;
            let n = term.split(' ').count();
            if n < lo || n > hi {
                return Err(Error::ModelFile(format!(
                    "vocabulary term {term:?} has {n} words, outside the n-gram range {lo}..={hi}"
                )));
            }
            if feature_of.len() < trie.len() {
                feature_of.resize(trie.len(), NONE);
            }
            if feature_of[id] != NONE {
                return Err(Error::ModelFile(format!("vocabulary term {term:?} appears twice")));
            }
            feature_of[id] = f as u32;
        }
        feature_of.resize(trie.len(), NONE);
        let stop_words: Vec<&str> = match &config.analyzer.stop_words {
            StopWords::None => vec![],
            StopWords::English => ENGLISH.to_vec(),
            StopWords::List(words) => words.iter().map(String::as_str).collect(),
        };
        for w in stop_words {
            trie.add_stop_word(w);
        }
        Ok(TfidfVectorizer { config, terms, idf, trie, feature_of })
    }

    /// Appends the weighted, normalised row of `(feature, count)` pairs (features ascending).
    fn push_weighted(&self, x: &mut CsrMatrix, row: &[(u32, u32)]) {
        let mut vals: Vec<f64> = row
            .iter()
            .map(|&(f, c)| {
                let tf = if self.config.sublinear_tf { 1.0 + (c as f64).ln() } else { c as f64 };
                tf * self.idf[f as usize] as f64
            })
            .collect();
        if self.config.norm == Norm::L2 {
            let norm = vals.iter().map(|v| v * v).sum::<f64>().sqrt();
            if norm > 0.0 {
                vals.iter_mut().for_each(|v| *v /= norm);
            }
        }
        x.push_row(row.iter().zip(vals).map(|(&(f, _), v)| (f, v as f32)));
    }

    /// The TF-IDF matrix of `texts` (terms outside the vocabulary are ignored).
    pub fn transform<S: AsRef<str>>(&self, texts: &[S]) -> CsrMatrix {
        let mut x = CsrMatrix::new(self.terms.len());
        self.transform_append(&mut x, texts);
        x
    }

    /// Appends the TF-IDF rows of `texts` to `x` (which has this vectorizer's columns).
    pub fn transform_append<S: AsRef<str>>(&self, x: &mut CsrMatrix, texts: &[S]) {
        let mut analyzer = Analyzer::new(self.config.analyzer.clone()).expect("validated");
        let mut scratch = Scratch::default();
        for t in texts {
            self.counts_into(&mut analyzer, t.as_ref(), &mut scratch);
            self.push_weighted(x, &scratch.row);
        }
    }

    /// The TF-IDF row of one text.
    pub fn transform_one(&self, text: &str) -> CsrMatrix {
        self.transform(&[text])
    }

    fn counts_into(&self, analyzer: &mut Analyzer, text: &str, s: &mut Scratch) {
        s.toks.clear();
        s.ids.clear();
        s.row.clear();
        let trie = &self.trie;
        // One lookup per token: stop words are in the trie, flagged.
        analyzer.raw_tokens(text, |t, _| match trie.kind(t) {
            TokenKind::Term(id) => s.toks.push(Some(id)),
            TokenKind::Stop => {}
            TokenKind::Unknown => s.toks.push(None),
        });
        let feature_of = &self.feature_of;
        walk_ngrams(&s.toks, self.config.analyzer.ngram_range, |p, t| trie.child(p, t), |id| {
            let f = feature_of[id as usize];
            if f != NONE {
                s.ids.push(f);
            }
        });
        s.ids.sort_unstable();
        for &f in &s.ids {
            match s.row.last_mut() {
                Some((g, c)) if *g == f => *c += 1,
                _ => s.row.push((f, 1)),
            }
        }
    }

    /// The settings it was fitted with.
    pub fn config(&self) -> &TfidfConfig {
        &self.config
    }
    /// The vocabulary, in column order (alphabetical).
    pub fn terms(&self) -> &[String] {
        &self.terms
    }
    /// The idf weight of each column.
    pub fn idf(&self) -> &[f32] {
        &self.idf
    }
    /// Number of features (columns).
    pub fn n_features(&self) -> usize {
        self.terms.len()
    }
}

#[derive(Default)]
struct Scratch {
    toks: Vec<Option<u32>>,
    ids: Vec<u32>,
    row: Vec<(u32, u32)>,
}

#[cfg(test)]
mod tests;
