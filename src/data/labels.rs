//! The set of class names and their integer codes.
//!
//! Classes are numbered in sorted order of their names, as scikit-learn's `LabelEncoder` (and
//! the `classes_` of its classifiers) does: Rust compares `str`s byte by byte, and UTF-8 byte
//! order is Unicode code-point order, which is how numpy sorts strings.

use crate::error::{Error, Position, Result};

/// Sorted, unique class names; a class's code is its index.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct LabelSet {
    names: Vec<String>,
}

impl LabelSet {
    /// The classes occurring in `labels`, sorted and without duplicates.
    pub fn fit<S: AsRef<str>>(labels: &[S]) -> LabelSet {
        LabelSet::from_names(labels.iter().map(|l| l.as_ref()))
    }

    /// A set from any names (sorted and deduplicated here), e.g. those stored in a model file.
    pub fn from_names<I>(names: I) -> LabelSet
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        let mut names: Vec<String> = names.into_iter().map(Into::into).collect();
        names.sort_unstable();
        names.dedup();
        LabelSet { names }
    }

    /// The sorted union of two sets, e.g. training classes plus classes that only occur in a
    /// test set, for a report that lists both.
    pub fn union(&self, other: &LabelSet) -> LabelSet {
        let mut names = Vec::with_capacity(self.len() + other.len());
        let (mut a, mut b) = (self.names.iter().peekable(), other.names.iter().peekable());
        loop {
            let next = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) if x < y => a.next(),
                (Some(x), Some(y)) if x > y => b.next(),
                (Some(_), Some(_)) => {
                    b.next();
                    a.next()
                }
                (Some(_), None) => a.next(),
                (None, Some(_)) => b.next(),
                (None, None) => break,
            };
            names.extend(next.cloned());
        }
        LabelSet { names }
    }

    /// The code of `name`, or `None` when it is not in the set.
    pub fn index_of(&self, name: &str) -> Option<u32> {
        let i = self.names.binary_search_by(|n| n.as_str().cmp(name)).ok()?;
        u32::try_from(i).ok()
    }

    /// The name of code `index`, or `None` when it is out of range.
    pub fn name(&self, index: u32) -> Option<&str> {
        self.names
            .get(usize::try_from(index).ok()?)
            .map(String::as_str)
    }

    /// The codes of `labels`; `None` for a label not in the set.
    pub fn encode<S: AsRef<str>>(&self, labels: &[S]) -> Vec<Option<u32>> {
        labels.iter().map(|l| self.index_of(l.as_ref())).collect()
    }

    /// The codes of `labels`, or an [`Error::Parse`] naming `source` and the (1-based) record of
    /// the first label that is not in the set.
    pub fn encode_all<S: AsRef<str>>(&self, labels: &[S], source: &str) -> Result<Vec<u32>> {
        labels
            .iter()
            .enumerate()
            .map(|(i, l)| {
                self.index_of(l.as_ref()).ok_or_else(|| {
                    let at = Position {
                        source: source.to_string(),
                        line: None,
                        record: Some(i as u64 + 1),
                    };
                    Error::parse(
                        at,
                        format!(
                            "label {:?} is not one of the {} known classes",
                            l.as_ref(),
                            self.len()
                        ),
                    )
                })
            })
            .collect()
    }

    /// The class names, sorted; index = code.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Number of classes.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// `true` when there is no class.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn sorted_unique_in_code_point_order() {
        let set = LabelSet::fit(&s(&["b", "a", "B", "é", "z", "a", "10", "9", "Z", "ä"]));
        // Upper case before lower case, digits compare as text, non-ASCII last (U+00E4 < U+00E9).
        assert_eq!(
            set.names(),
            s(&["10", "9", "B", "Z", "a", "b", "z", "ä", "é"])
        );
        assert_eq!(set.len(), 9);
        assert!(!set.is_empty());
        assert!(LabelSet::fit::<String>(&[]).is_empty());
    }

    #[test]
    fn code_point_order_differs_from_utf16_order_where_numpy_agrees_with_us() {
        // U+FF5E (3 UTF-8 bytes) sorts before U+1F600 (4 bytes) in code-point order.
        let set = LabelSet::fit(&["😀", "～"]);
        assert_eq!(set.names(), ["～", "😀"]);
    }

    #[test]
    fn index_name_and_encode() {
        let set = LabelSet::fit(&s(&["spam", "ham", "eggs"]));
        assert_eq!(set.index_of("eggs"), Some(0));
        assert_eq!(set.index_of("spam"), Some(2));
        assert_eq!(set.index_of("bacon"), None);
        assert_eq!(set.name(1), Some("ham"));
        assert_eq!(set.name(3), None);
        assert_eq!(
            set.encode(&["ham", "bacon", "spam"]),
            [Some(1), None, Some(2)]
        );
        assert_eq!(set.encode_all(&["spam", "eggs"], "t.csv").unwrap(), [2, 0]);
    }

    #[test]
    fn encode_all_names_the_first_unknown_label() {
        let set = LabelSet::fit(&["a", "b"]);
        let err = set.encode_all(&["a", "c", "d"], "test.csv").unwrap_err();
        assert_eq!(
            err.to_string(),
            "test.csv (record 2): label \"c\" is not one of the 2 known classes"
        );
    }

    #[test]
    fn union_is_sorted_and_unique() {
        let train = LabelSet::fit(&["b", "d", "a"]);
        let test = LabelSet::fit(&["c", "a", "e", "d"]);
        assert_eq!(train.union(&test).names(), s(&["a", "b", "c", "d", "e"]));
        assert_eq!(test.union(&train), train.union(&test));
        assert_eq!(train.union(&LabelSet::default()), train);
    }

    #[test]
    fn from_names_sorts_and_dedups() {
        assert_eq!(
            LabelSet::from_names(["y", "x", "y"]).names(),
            s(&["x", "y"])
        );
    }
}
