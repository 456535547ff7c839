//! What a reader accepted, decoded as Latin-1 and skipped, and why.

use serde::Serialize;

/// Counts reported by every reader, so that no record is ever dropped silently.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ReadStats {
    /// Records (or files) accepted into the data set.
    pub records: usize,
    /// Accepted records with at least one field (or a file, or a JSON line) that was not valid
    /// UTF-8 and was therefore decoded as Latin-1.
    pub latin1_documents: usize,
    /// Records (or files) skipped.
    pub skipped: usize,
    /// One line per kind of skip, in the order the kinds were first met, e.g.
    /// `"3 records with an empty label, first at train.csv line 17"`.
    pub skip_reasons: Vec<String>,
}

/// One kind of skip: how many and where the first one was.
#[derive(Debug, Clone)]
struct SkipKind {
    /// Noun, singular and plural: `("record", "records")`.
    noun: (&'static str, &'static str),
    /// What they have in common, e.g. `"with an empty label"`.
    what: &'static str,
    count: usize,
    first_at: String,
}

/// Collects skips while reading and turns them into [`ReadStats::skip_reasons`].
#[derive(Debug, Clone, Default)]
pub(crate) struct SkipTally {
    kinds: Vec<SkipKind>,
}

impl SkipTally {
    /// Records one skipped record described by `what`, found at `at` (e.g. `"x.csv line 3"`).
    pub(crate) fn record(&mut self, what: &'static str, at: impl FnOnce() -> String) {
        self.add(("record", "records"), what, at);
    }

    /// Records one skipped file described by `what`, with its path as `at`.
    pub(crate) fn file(&mut self, what: &'static str, at: impl FnOnce() -> String) {
        self.add(("file", "files"), what, at);
    }

    fn add(
        &mut self,
        noun: (&'static str, &'static str),
        what: &'static str,
        at: impl FnOnce() -> String,
    ) {
        match self
            .kinds
            .iter_mut()
            .find(|k| k.noun == noun && k.what == what)
        {
            Some(kind) => kind.count += 1,
            None => self.kinds.push(SkipKind {
                noun,
                what,
                count: 1,
                first_at: at(),
            }),
        }
    }

    /// Total number of skips.
    pub(crate) fn total(&self) -> usize {
        self.kinds.iter().map(|k| k.count).sum()
    }

    /// Writes the total and the reasons into `stats`.
    pub(crate) fn finish(self, stats: &mut ReadStats) {
        stats.skipped = self.total();
        stats.skip_reasons = self
            .kinds
            .into_iter()
            .map(|k| {
                let noun = if k.count == 1 { k.noun.0 } else { k.noun.1 };
                format!("{} {noun} {}, first at {}", k.count, k.what, k.first_at)
            })
            .collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_grouped_counted_and_keep_the_first_location() {
        let mut t = SkipTally::default();
        t.record("with an empty label", || "a.csv line 17".into());
        t.file("hidden (name starting with '.')", || ".DS_Store".into());
        t.record("with an empty label", || "a.csv line 20".into());
        t.record("with an empty label", || {
            unreachable!("only the first location is built")
        });
        let mut s = ReadStats {
            records: 5,
            ..Default::default()
        };
        t.finish(&mut s);
        assert_eq!(s.skipped, 4);
        assert_eq!(
            s.skip_reasons,
            [
                "3 records with an empty label, first at a.csv line 17",
                "1 file hidden (name starting with '.'), first at .DS_Store",
            ]
        );
    }
}
