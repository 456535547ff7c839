//! The word analyzer: tokenize, drop stop words, form word n-grams — scikit-learn's
//! `CountVectorizer(analyzer="word")` pipeline.
//!
//! The analyzer does not build n-gram *strings*: it hands each n-gram to the caller as a
//! slice of tokens, and the vocabulary turns it into a feature id through a trie of token ids.
//! The string of an n-gram is its tokens joined by one space, as in scikit-learn.

use super::stop_words::StopWords;
use super::tokenizer::{for_each_token, lowercase_into};
use crate::features::vocabulary::pack;
use crate::{Error, Result};
use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

/// Configuration of the word analyzer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnalyzerConfig {
    /// Lowercase before tokenizing (scikit-learn's `lowercase`, default true).
    pub lowercase: bool,
    /// Stop words removed before n-grams are formed.
    pub stop_words: StopWords,
    /// Smallest and largest n of the word n-grams (scikit-learn's `ngram_range`).
    pub ngram_range: (usize, usize),
}

impl Default for AnalyzerConfig {
    fn default() -> Self {
        AnalyzerConfig { lowercase: true, stop_words: StopWords::None, ngram_range: (1, 1) }
    }
}

/// Largest n-gram length accepted (a guard against absurd settings; scikit-learn has none).
pub const MAX_NGRAM: usize = 8;

impl AnalyzerConfig {
    /// Checks the settings.
    pub fn validate(&self) -> Result<()> {
        let (lo, hi) = self.ngram_range;
        if lo == 0 || hi < lo || hi > MAX_NGRAM {
            return Err(Error::param(
                "--ngram-range",
                format!("got {lo},{hi}; expected MIN,MAX with 1 <= MIN <= MAX <= {MAX_NGRAM}"),
            ));
        }
        Ok(())
    }
}

/// A reusable analyzer (keeps its buffers between documents).
#[derive(Debug, Clone)]
pub struct Analyzer {
    config: AnalyzerConfig,
    /// The stop words as a hash set of packed tokens (looked up once per token), and the
    /// longer ones (over 15 bytes) as strings.
    stop: FxHashSet<u128>,
    stop_long: FxHashSet<Box<str>>,
    lower: String,
}

impl Analyzer {
    /// An analyzer for a validated configuration.
    pub fn new(config: AnalyzerConfig) -> Result<Self> {
        config.validate()?;
        let words: Vec<&str> = match &config.stop_words {
            StopWords::None => vec![],
            StopWords::English => super::stop_words::ENGLISH.to_vec(),
            StopWords::List(words) => words.iter().map(String::as_str).collect(),
        };
        let stop = words.iter().filter_map(|w| pack(w)).collect();
        let stop_long = words.iter().filter(|w| pack(w).is_none()).map(|w| Box::from(*w)).collect();
        Ok(Analyzer { config, stop, stop_long, lower: String::new() })
    }

    /// The configuration.
    pub fn config(&self) -> &AnalyzerConfig {
        &self.config
    }

    /// Calls `f` with every token of `text` that is not a stop word, in order.
    pub fn tokens(&mut self, text: &str, mut f: impl FnMut(&str)) {
        let (stop, stop_long) = (&self.stop, &self.stop_long);
        let no_stop = stop.is_empty() && stop_long.is_empty();
        let source: &str = if self.config.lowercase {
            lowercase_into(text, &mut self.lower);
            &self.lower
        } else {
            text
        };
        for_each_token(source, |t| {
            let is_stop = !no_stop
                && match pack(t) {
                    Some(k) => stop.contains(&k),
                    None => stop_long.contains(t),
                };
            if !is_stop {
                f(t)
            }
        });
    }

    /// Calls `f(start, n)` for every n-gram of a sequence of `len` tokens, in scikit-learn's
    /// order (all n = MIN first, then MIN + 1, ...).
    pub fn for_each_ngram(&self, len: usize, mut f: impl FnMut(usize, usize)) {
        let (lo, hi) = self.config.ngram_range;
        for n in lo..=hi.min(len) {
            for start in 0..=(len - n) {
                f(start, n);
            }
        }
    }

    /// The terms of `text` as strings (n-grams joined by a space), as scikit-learn's
    /// `build_analyzer()` returns them. Used by tests and the interpretability views;
    /// the hot path goes through [`Analyzer::tokens`] and the vocabulary trie instead.
    pub fn analyze(&mut self, text: &str) -> Vec<String> {
        let mut toks: Vec<String> = Vec::new();
        self.tokens(text, |t| toks.push(t.to_string()));
        let mut out = Vec::new();
        self.for_each_ngram(toks.len(), |s, n| out.push(toks[s..s + n].join(" ")));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected: TfidfVectorizer(stop_words='english', ngram_range=(1, 2)).build_analyzer()(
    //     "The quick brown fox jumps over the lazy dog; the dog sleeps.")  (scikit-learn 1.9.1)
    #[test]
    fn ngrams_after_stop_words_like_scikit_learn() {
        let mut a = Analyzer::new(AnalyzerConfig {
            stop_words: StopWords::English,
            ngram_range: (1, 2),
            ..Default::default()
        })
        .unwrap();
        let got = a.analyze("The quick brown fox jumps over the lazy dog; the dog sleeps.");
        let want = [
            "quick", "brown", "fox", "jumps", "lazy", "dog", "dog", "sleeps", "quick brown",
            "brown fox", "fox jumps", "jumps lazy", "lazy dog", "dog dog", "dog sleeps",
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn only_bigrams_and_short_documents() {
        let mut a = Analyzer::new(AnalyzerConfig { ngram_range: (2, 3), ..Default::default() })
            .unwrap();
        assert_eq!(a.analyze("aa bb"), ["aa bb"]);
        assert_eq!(a.analyze("aa"), Vec::<String>::new());
        assert_eq!(a.analyze("aa bb cc"), ["aa bb", "bb cc", "aa bb cc"]);
    }

    #[test]
    fn bad_ngram_range_is_an_error_naming_the_flag() {
        let e = Analyzer::new(AnalyzerConfig { ngram_range: (2, 1), ..Default::default() })
            .unwrap_err();
        assert!(e.to_string().contains("--ngram-range"), "{e}");
    }
}
