//! scikit-learn's default word tokenizer: lowercase, then every run of two or more word
//! characters, the semantics of `token_pattern=r"(?u)\b\w\w+\b"` under Python's `re`.
//!
//! Python's `\w` (for `str` patterns) matches `_` and every character for which
//! `str.isalnum()` is true: the letters (general categories Lu, Ll, Lt, Lm, Lo) and the
//! numbers (Nd, Nl, No). Combining marks (Mn, Mc) are *not* word characters there, so a word
//! such as Hindi "हिन्दी" splits at its vowel signs in scikit-learn; this tokenizer reproduces
//! that on purpose, because it is the scikit-learn-compatible analyzer. Rust's
//! `char::is_alphanumeric` differs (it includes `Other_Alphabetic` marks), hence the explicit
//! general-category test below.

use unicode_general_category::{get_general_category, GeneralCategory as Gc};

/// Is `c` a word character in the sense of Python's `(?u)\w`?
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    matches!(
        get_general_category(c),
        Gc::UppercaseLetter
            | Gc::LowercaseLetter
            | Gc::TitlecaseLetter
            | Gc::ModifierLetter
            | Gc::OtherLetter
            | Gc::DecimalNumber
            | Gc::LetterNumber
            | Gc::OtherNumber
    )
}

/// Lowercases `text` as Python's `str.lower()` does (full Unicode case mapping, final sigma
/// included), writing into `out` (cleared first). ASCII text takes a fast path.
pub fn lowercase_into(text: &str, out: &mut String) {
    out.clear();
    if text.is_ascii() {
        out.push_str(text);
        out.make_ascii_lowercase();
    } else {
        out.push_str(&text.to_lowercase());
    }
}

/// Calls `f` with every token of `text` (already lowercased if wanted): each maximal run of
/// word characters that is at least two characters long.
#[inline]
pub fn for_each_token<'t>(text: &'t str, mut f: impl FnMut(&'t str)) {
    let bytes = text.as_bytes();
    let mut start: Option<usize> = None;
    let mut chars_in_run = 0usize;
    let mut i = 0usize;
    while i < bytes.len() {
        let b = bytes[i];
        let (word, width) = if b < 0x80 {
            (b.is_ascii_alphanumeric() || b == b'_', 1)
        } else {
            // Decode one multi-byte character; `text` is valid UTF-8.
            let c = text[i..].chars().next().expect("valid UTF-8 boundary");
            (is_word_char(c), c.len_utf8())
        };
        if word {
            if start.is_none() {
                start = Some(i);
                chars_in_run = 0;
            }
            chars_in_run += 1;
        } else if let Some(s) = start.take() {
            if chars_in_run >= 2 {
                f(&text[s..i]);
            }
        }
        i += width;
    }
    if let Some(s) = start {
        if chars_in_run >= 2 {
            f(&text[s..]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(s: &str) -> Vec<String> {
        let mut lower = String::new();
        lowercase_into(s, &mut lower);
        let mut v = Vec::new();
        for_each_token(&lower, |t| v.push(t.to_string()));
        v
    }

    // Expected values from scikit-learn 1.9.1:
    // CountVectorizer().build_analyzer()(s)
    #[test]
    fn matches_scikit_learn_word_analyzer() {
        assert_eq!(
            tokens("Hello, World! I'm a foo_bar x2 42 é l'été"),
            ["hello", "world", "foo_bar", "x2", "42", "été"]
        );
        assert_eq!(tokens("From: mathew@mantis.co.uk\r\nSubject: Re"), [
            "from", "mathew", "mantis", "co", "uk", "subject", "re"
        ]);
        // Combining marks split words, as in Python's re: nothing of two characters survives.
        assert_eq!(tokens("हिन्दी भाषा"), Vec::<String>::new());
        assert_eq!(tokens("ΣΊΣΥΦΟΣ"), ["σίσυφος"]);
        assert_eq!(tokens("½² ab"), ["½²", "ab"]);
        assert_eq!(tokens("a b c"), Vec::<String>::new());
        assert_eq!(tokens("日本語のテキスト"), ["日本語のテキスト"]);
    }

    #[test]
    fn marks_are_not_word_characters() {
        // U+093F DEVANAGARI VOWEL SIGN I (Mc) is not alphanumeric for Python.
        assert!(!is_word_char('\u{093F}'));
        assert!(is_word_char('\u{0939}'));
        assert!(!is_word_char('\u{00A0}'));
        assert!(is_word_char('º'));
    }
}
