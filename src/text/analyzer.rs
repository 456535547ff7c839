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

/// A set of stop words: packed short words (see [`pack`]) and the longer ones as strings.
#[derive(Debug, Clone, Default)]
pub struct StopSet {
    short: FxHashSet<u128>,
    long: FxHashSet<Box<str>>,
}

impl StopSet {
    /// The set of `words`.
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> StopSet {
        let mut set = StopSet::default();
        for w in words {
            match pack(w) {
                Some(k) => set.short.insert(k),
                None => set.long.insert(Box::from(w)),
            };
        }
        set
    }
    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.short.is_empty() && self.long.is_empty()
    }
    /// Whether `token` is in the set.
    #[inline]
    pub fn contains(&self, token: &str) -> bool {
        match pack(token) {
            Some(k) => self.short.contains(&k),
            None => self.long.contains(token),
        }
    }
}

/// A reusable analyzer (keeps its buffers between documents).
#[derive(Debug, Clone)]
pub struct Analyzer {
    config: AnalyzerConfig,
    stop: StopSet,
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
        Ok(Analyzer { stop: StopSet::new(words), config, lower: String::new() })
    }

    /// The configuration.
    pub fn config(&self) -> &AnalyzerConfig {
        &self.config
    }

    /// The stop words.
    pub fn stop_words(&self) -> &StopSet {
        &self.stop
    }

    /// Calls `f` with every token of `text` that is not a stop word, in order.
    pub fn tokens(&mut self, text: &str, mut f: impl FnMut(&str)) {
        let no_stop = self.stop.is_empty();
        self.raw_tokens(text, |t, stop| {
            if no_stop || !stop.contains(t) {
                f(t)
            }
        });
    }

    /// Calls `f(token, stop_words)` with every token of `text`, stop words included: for
    /// callers that remember per token whether it is a stop word (one lookup instead of two).
    pub fn raw_tokens(&mut self, text: &str, mut f: impl FnMut(&str, &StopSet)) {
        let Analyzer { config, stop, lower } = self;
        let source: &str = if config.lowercase {
            lowercase_into(text, lower);
            lower
        } else {
            text
        };
        for_each_token(source, |t| f(t, stop));
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
