//! scikit-learn's English stop-word list (`sklearn.feature_extraction.text.ENGLISH_STOP_WORDS`).
//!
//! The same 318 words, sorted, so that `--stop-words english` removes exactly what
//! scikit-learn removes (the reference checks in `tests/reference` assert the two sets are equal).
//! The list itself comes from the Glasgow Information Retrieval Group's stop-word list, as
//! adopted by scikit-learn (BSD-3-Clause).

/// The words, in byte order (binary-searchable).
pub const ENGLISH: &[&str] = &[
    "a", "about", "above", "across", "after", "afterwards", "again", "against", "all", "almost",
    "alone", "along", "already", "also", "although", "always", "am", "among", "amongst", "amoungst",
    "amount", "an", "and", "another", "any", "anyhow", "anyone", "anything", "anyway", "anywhere",
    "are", "around", "as", "at", "back", "be", "became", "because", "become", "becomes", "becoming",
    "been", "before", "beforehand", "behind", "being", "below", "beside", "besides", "between",
    "beyond", "bill", "both", "bottom", "but", "by", "call", "can", "cannot", "cant", "co", "con",
    "could", "couldnt", "cry", "de", "describe", "detail", "do", "done", "down", "due", "during",
    "each", "eg", "eight", "either", "eleven", "else", "elsewhere", "empty", "enough", "etc",
    "even", "ever", "every", "everyone", "everything", "everywhere", "except", "few", "fifteen",
    "fifty", "fill", "find", "fire", "first", "five", "for", "former", "formerly", "forty", "found",
    "four", "from", "front", "full", "further", "get", "give", "go", "had", "has", "hasnt", "have",
    "he", "hence", "her", "here", "hereafter", "hereby", "herein", "hereupon", "hers", "herself",
    "him", "himself", "his", "how", "however", "hundred", "i", "ie", "if", "in", "inc", "indeed",
    "interest", "into", "is", "it", "its", "itself", "keep", "last", "latter", "latterly", "least",
    "less", "ltd", "made", "many", "may", "me", "meanwhile", "might", "mill", "mine", "more",
    "moreover", "most", "mostly", "move", "much", "must", "my", "myself", "name", "namely",
    "neither", "never", "nevertheless", "next", "nine", "no", "nobody", "none", "noone", "nor",
    "not", "nothing", "now", "nowhere", "of", "off", "often", "on", "once", "one", "only", "onto",
    "or", "other", "others", "otherwise", "our", "ours", "ourselves", "out", "over", "own", "part",
    "per", "perhaps", "please", "put", "rather", "re", "same", "see", "seem", "seemed", "seeming",
    "seems", "serious", "several", "she", "should", "show", "side", "since", "sincere", "six",
    "sixty", "so", "some", "somehow", "someone", "something", "sometime", "sometimes", "somewhere",
    "still", "such", "system", "take", "ten", "than", "that", "the", "their", "them", "themselves",
    "then", "thence", "there", "thereafter", "thereby", "therefore", "therein", "thereupon",
    "these", "they", "thick", "thin", "third", "this", "those", "though", "three", "through",
    "throughout", "thru", "thus", "to", "together", "too", "top", "toward", "towards", "twelve",
    "twenty", "two", "un", "under", "until", "up", "upon", "us", "very", "via", "was", "we", "well",
    "were", "what", "whatever", "when", "whence", "whenever", "where", "whereafter", "whereas",
    "whereby", "wherein", "whereupon", "wherever", "whether", "which", "while", "whither", "who",
    "whoever", "whole", "whom", "whose", "why", "will", "with", "within", "without", "would", "yet",
    "you", "your", "yours", "yourself", "yourselves",
];

use serde::{Deserialize, Serialize};

/// Which stop words the analyzer drops (after lowercasing, before forming n-grams).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StopWords {
    /// Keep every token.
    #[default]
    None,
    /// scikit-learn's `ENGLISH_STOP_WORDS` ([`ENGLISH`]).
    English,
    /// A list of one's own, kept sorted and without duplicates.
    List(Vec<String>),
}

impl StopWords {
    /// A custom list from text with one word per line (blank lines and surrounding
    /// whitespace ignored; lines starting with `#` are comments).
    pub fn from_lines(text: &str) -> StopWords {
        let mut words: Vec<String> = text
            .lines()
            .map(str::trim)
            .filter(|w| !w.is_empty() && !w.starts_with('#'))
            .map(str::to_string)
            .collect();
        words.sort_unstable();
        words.dedup();
        StopWords::List(words)
    }

    /// Is `token` a stop word?
    #[inline]
    pub fn contains(&self, token: &str) -> bool {
        match self {
            StopWords::None => false,
            StopWords::English => ENGLISH.binary_search(&token).is_ok(),
            StopWords::List(words) => words.binary_search_by(|w| w.as_str().cmp(token)).is_ok(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_list_is_sorted_complete_and_searchable() {
        assert_eq!(ENGLISH.len(), 318);
        assert!(ENGLISH.windows(2).all(|w| w[0] < w[1]));
        let sw = StopWords::English;
        assert!(sw.contains("the") && sw.contains("yourselves") && sw.contains("a"));
        assert!(!sw.contains("computer") && !sw.contains("The"));
    }

    #[test]
    fn custom_list_from_lines() {
        let sw = StopWords::from_lines("  foo\n# comment\n\nbar\nfoo\n");
        assert_eq!(sw, StopWords::List(vec!["bar".into(), "foo".into()]));
        assert!(sw.contains("foo") && !sw.contains("baz"));
        assert!(!StopWords::None.contains("the"));
    }
}
