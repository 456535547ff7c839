//! Terms as a trie of token ids, and the document-frequency counts a vocabulary is fitted from.
//!
//! A term is a word n-gram. Its text is its tokens joined by single spaces (scikit-learn's
//! convention), but the hot paths never build that string: a unigram is found by its token,
//! and an n-gram by following `(prefix term, next token)` links, one hash lookup per word.

use crate::text::analyzer::StopSet;
use crate::text::Analyzer;
use crate::{Error, Result};
use rustc_hash::FxHashMap;

const NONE: u32 = u32::MAX;
/// Map value of a token known to be a stop word (it has no node).
const STOP: u32 = u32::MAX - 1;

/// What the trie knows of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A known token and its unigram term.
    Term(u32),
    /// A stop word: dropped before n-grams are formed.
    Stop,
    /// Not in the trie: breaks every n-gram through it.
    Unknown,
}

#[derive(Debug, Clone)]
struct Node {
    /// The term this one extends by one token, or `NONE` for a unigram.
    parent: u32,
    /// The unigram term of the last token.
    last: u32,
    /// The token text (unigrams only; empty for longer n-grams).
    text: Box<str>,
}

/// Interned terms: unigrams by their text, longer n-grams by `(prefix, last token)`.
///
/// Tokens of up to 15 bytes (nearly all of them) are keyed by their bytes packed into a
/// `u128`, so a lookup hashes and compares two machine words instead of calling `memcmp`.
#[derive(Debug, Clone, Default)]
pub struct TermTrie {
    short: FxHashMap<u128, u32>,
    tokens: FxHashMap<Box<str>, u32>,
    children: FxHashMap<u64, u32>,
    nodes: Vec<Node>,
}

/// The bytes of a token of at most 15 bytes and its length, packed into one integer.
#[inline]
pub(crate) fn pack(token: &str) -> Option<u128> {
    let b = token.as_bytes();
    if b.len() > 15 {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..b.len()].copy_from_slice(b);
    buf[15] = b.len() as u8;
    Some(u128::from_le_bytes(buf))
}

#[inline]
fn child_key(prefix: u32, token: u32) -> u64 {
    ((prefix as u64) << 32) | token as u64
}

impl TermTrie {
    /// Number of interned terms (unigrams and n-grams).
    pub fn len(&self) -> usize {
        self.nodes.len()
    }
    /// Whether no term is interned.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    fn push(&mut self, node: Node) -> u32 {
        let id = self.nodes.len() as u32;
        self.nodes.push(node);
        id
    }

    /// The unigram term of `token`, created if new.
    #[inline]
    pub fn intern_token(&mut self, token: &str) -> u32 {
        let key = pack(token);
        let found = match key {
            Some(k) => self.short.get(&k),
            None => self.tokens.get(token),
        };
        if let Some(&id) = found {
            if id != STOP {
                return id;
            }
        }
        let id = self.push(Node { parent: NONE, last: 0, text: token.into() });
        self.nodes[id as usize].last = id;
        match key {
            Some(k) => self.short.insert(k, id),
            None => self.tokens.insert(token.into(), id),
        };
        id
    }

    /// The unigram term of `token`, if known (and not a stop word).
    #[inline]
    pub fn token(&self, token: &str) -> Option<u32> {
        match self.kind(token) {
            TokenKind::Term(id) => Some(id),
            _ => None,
        }
    }

    /// What `token` is: a term, a stop word or unknown — one hash lookup.
    #[inline]
    pub fn kind(&self, token: &str) -> TokenKind {
        let found = match pack(token) {
            Some(k) => self.short.get(&k),
            None => self.tokens.get(token),
        };
        match found {
            Some(&STOP) => TokenKind::Stop,
            Some(&id) => TokenKind::Term(id),
            None => TokenKind::Unknown,
        }
    }

    /// Records `word` as a stop word (so that [`TermTrie::kind`] says so); no effect on a
    /// token that already is a term.
    pub fn add_stop_word(&mut self, word: &str) {
        match pack(word) {
            Some(k) => self.short.entry(k).or_insert(STOP),
            None => self.tokens.entry(word.into()).or_insert(STOP),
        };
    }

    /// The unigram term of `token`, created if new, or `None` if it is a stop word; whether a
    /// new token is a stop word is asked once, of `stop`.
    #[inline]
    pub fn intern_unless_stop(&mut self, token: &str, stop: &StopSet) -> Option<u32> {
        match self.kind(token) {
            TokenKind::Term(id) => Some(id),
            TokenKind::Stop => None,
            TokenKind::Unknown if stop.contains(token) => {
                self.add_stop_word(token);
                None
            }
            TokenKind::Unknown => Some(self.intern_token(token)),
        }
    }

    /// The term `prefix` + `token` (a unigram term id), created if new.
    #[inline]
    pub fn intern_child(&mut self, prefix: u32, token: u32) -> u32 {
        let key = child_key(prefix, token);
        if let Some(&id) = self.children.get(&key) {
            return id;
        }
        let id = self.push(Node { parent: prefix, last: token, text: Box::from("") });
        self.children.insert(key, id);
        id
    }

    /// The term `prefix` + `token`, if known.
    #[inline]
    pub fn child(&self, prefix: u32, token: u32) -> Option<u32> {
        self.children.get(&child_key(prefix, token)).copied()
    }

    /// The text of term `id` (tokens joined by one space).
    pub fn text(&self, id: u32) -> String {
        let mut parts = Vec::new();
        let mut cur = id;
        while cur != NONE {
            let node = &self.nodes[cur as usize];
            parts.push(&*self.nodes[node.last as usize].text);
            cur = node.parent;
        }
        parts.reverse();
        parts.join(" ")
    }

    /// Interns a term given as text, checking that it is a well-formed word n-gram
    /// (non-empty tokens separated by single spaces). Returns its id.
    pub fn intern_text(&mut self, term: &str) -> Result<u32> {
        let mut cur = NONE;
        for tok in term.split(' ') {
            if tok.is_empty() {
                return Err(Error::ModelFile(format!(
                    "vocabulary term {term:?} is not tokens separated by single spaces"
                )));
            }
            let t = self.intern_token(tok);
            cur = if cur == NONE { t } else { self.intern_child(cur, t) };
        }
        Ok(cur)
    }
}

/// Term counts of a set of documents: per document the `(term, count)` pairs (terms
/// ascending), and per term its document frequency and total count.
#[derive(Debug, Clone, Default)]
pub struct TermCounts {
    /// The terms.
    pub trie: TermTrie,
    /// Row pointers into `terms` / `counts`, one row per document.
    pub offsets: Vec<usize>,
    /// Term ids, ascending within each document.
    pub terms: Vec<u32>,
    /// Occurrences of each term in its document.
    pub counts: Vec<u32>,
    /// Documents containing each term (indexed by term id).
    pub df: Vec<u32>,
    /// Occurrences of each term in all documents (indexed by term id).
    pub tf: Vec<u64>,
}

/// Buffers reused from one document to the next while counting.
#[derive(Debug, Default)]
pub struct CountScratch {
    toks: Vec<Option<u32>>,
    ids: Vec<u32>,
}

/// Calls `emit` with the term id of every n-gram of `tokens` whose length lies in
/// `lo..=hi`, following the trie with `step(prefix, token)`. `None` tokens (unknown words)
/// break every n-gram through them.
#[inline]
pub(crate) fn walk_ngrams(
    tokens: &[Option<u32>],
    (lo, hi): (usize, usize),
    mut step: impl FnMut(u32, u32) -> Option<u32>,
    mut emit: impl FnMut(u32),
) {
    for start in 0..tokens.len() {
        let Some(mut cur) = tokens[start] else { continue };
        if lo == 1 {
            emit(cur);
        }
        for k in 1..hi.min(tokens.len() - start) {
            let Some(next) = tokens[start + k] else { break };
            match step(cur, next) {
                Some(id) => cur = id,
                None => break,
            }
            if k + 1 >= lo {
                emit(cur);
            }
        }
    }
}

impl TermCounts {
    /// Empty counts, ready for [`TermCounts::add`].
    pub fn new() -> TermCounts {
        TermCounts { offsets: vec![0], ..Default::default() }
    }

    /// Counts the terms of one more document.
    pub fn add(&mut self, analyzer: &mut Analyzer, text: &str, scratch: &mut CountScratch) {
        let range = analyzer.config().ngram_range;
        let (toks, ids) = (&mut scratch.toks, &mut scratch.ids);
        toks.clear();
        ids.clear();
        let trie = &mut self.trie;
        analyzer.raw_tokens(text, |t, stop| {
            if let Some(id) = trie.intern_unless_stop(t, stop) {
                toks.push(Some(id));
            }
        });
        walk_ngrams(toks, range, |p, t| Some(trie.intern_child(p, t)), |id| ids.push(id));
        ids.sort_unstable();
        if self.df.len() < trie.len() {
            self.df.resize(trie.len(), 0);
            self.tf.resize(trie.len(), 0);
        }
        let mut k = 0;
        while k < ids.len() {
            let id = ids[k];
            let mut n = 1;
            while k + n < ids.len() && ids[k + n] == id {
                n += 1;
            }
            self.terms.push(id);
            self.counts.push(n as u32);
            self.df[id as usize] += 1;
            self.tf[id as usize] += n as u64;
            k += n;
        }
        self.offsets.push(self.terms.len());
    }

    /// Appends the documents counted in `other` (after this one's), as if they had been
    /// counted here: lets a caller count parts of a corpus separately (e.g. on several
    /// threads) and combine them. The result equals counting all documents in order, up to
    /// the numbering of the terms.
    pub fn merge(&mut self, other: TermCounts) {
        // Map other's terms to ours; a term's prefix and last token always come before it.
        let mut map = vec![NONE; other.trie.len()];
        for (id, node) in other.trie.nodes.iter().enumerate() {
            map[id] = if node.parent == NONE {
                self.trie.intern_token(&node.text)
            } else {
                self.trie.intern_child(map[node.parent as usize], map[node.last as usize])
            };
        }
        self.df.resize(self.trie.len(), 0);
        self.tf.resize(self.trie.len(), 0);
        for (id, &to) in map.iter().enumerate() {
            self.df[to as usize] += other.df[id];
            self.tf[to as usize] += other.tf[id];
        }
        let base = self.terms.len();
        for d in 0..other.n_docs() {
            let (a, b) = (other.offsets[d], other.offsets[d + 1]);
            let mut row: Vec<(u32, u32)> = (a..b).map(|k| (map[other.terms[k] as usize], other.counts[k])).collect();
            row.sort_unstable_by_key(|e| e.0);
            for (t, c) in row {
                self.terms.push(t);
                self.counts.push(c);
            }
            self.offsets.push(base + other.offsets[d + 1]);
        }
    }

    /// Counts the terms of `texts`, calling `progress(done)` now and then.
    pub fn count<S: AsRef<str>>(
        analyzer: &mut Analyzer,
        texts: &[S],
        progress: &mut dyn FnMut(usize),
    ) -> TermCounts {
        let mut c = TermCounts::new();
        let mut scratch = CountScratch::default();
        for (i, text) in texts.iter().enumerate() {
            c.add(analyzer, text.as_ref(), &mut scratch);
            if i % 256 == 255 {
                progress(i + 1);
            }
        }
        progress(texts.len());
        c
    }

    /// Number of documents counted.
    pub fn n_docs(&self) -> usize {
        self.offsets.len() - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::AnalyzerConfig;

    #[test]
    fn trie_interns_and_spells_ngrams() {
        let mut t = TermTrie::default();
        let long = t.intern_token("internationalisation");
        assert_eq!(t.token("internationalisation"), Some(long));
        assert_eq!(t.token("internationalisatio"), None);
        assert_ne!(t.intern_token("a\0"), t.intern_token("a"), "length is part of the key");
        let a = t.intern_token("new");
        let b = t.intern_token("york");
        let ab = t.intern_child(a, b);
        assert_eq!(t.intern_child(a, b), ab);
        assert_eq!(t.text(ab), "new york");
        assert_eq!(t.intern_text("new york").unwrap(), ab);
        assert_eq!(t.child(b, a), None);
        assert!(t.intern_text("new  york").is_err());
    }

    #[test]
    fn merged_counts_equal_counting_everything() {
        let texts = ["aa bb aa cc", "bb cc dd", "ee aa bb", "dd dd ff aa"];
        let config = AnalyzerConfig { ngram_range: (1, 2), ..Default::default() };
        let mut an = Analyzer::new(config).unwrap();
        let whole = TermCounts::count(&mut an, &texts, &mut |_| {});
        let mut merged = TermCounts::count(&mut an, &texts[..2], &mut |_| {});
        merged.merge(TermCounts::count(&mut an, &texts[2..], &mut |_| {}));
        let view = |c: &TermCounts| {
            let mut per_doc = Vec::new();
            for d in 0..c.n_docs() {
                let mut row: Vec<(String, u32)> = (c.offsets[d]..c.offsets[d + 1])
                    .map(|k| (c.trie.text(c.terms[k]), c.counts[k]))
                    .collect();
                row.sort();
                per_doc.push(row);
            }
            let mut stats: Vec<(String, u32, u64)> =
                (0..c.trie.len()).map(|i| (c.trie.text(i as u32), c.df[i], c.tf[i])).collect();
            stats.sort();
            (per_doc, stats)
        };
        assert_eq!(view(&merged), view(&whole));
        let mut config = crate::features::TfidfConfig::default();
        config.analyzer.ngram_range = (1, 2);
        let a = crate::features::TfidfVectorizer::fit_counts(config.clone(), &whole).unwrap();
        let b = crate::features::TfidfVectorizer::fit_counts(config, &merged).unwrap();
        assert_eq!(a.0.terms(), b.0.terms());
        assert_eq!(a.1, b.1);
    }

    #[test]
    fn counts_df_and_tf() {
        let mut an = Analyzer::new(AnalyzerConfig { ngram_range: (1, 2), ..Default::default() })
            .unwrap();
        let c = TermCounts::count(&mut an, &["aa bb aa", "bb cc"], &mut |_| {});
        let id = |s: &str| c.trie.clone().intern_text(s).unwrap() as usize;
        assert_eq!(c.n_docs(), 2);
        assert_eq!((c.df[id("aa")], c.tf[id("aa")]), (1, 2));
        assert_eq!((c.df[id("bb")], c.tf[id("bb")]), (2, 2));
        assert_eq!((c.df[id("aa bb")], c.df[id("bb aa")], c.df[id("bb cc")]), (1, 1, 1));
        assert_eq!(c.offsets, [0, 4, 7]);
    }
}
