//! Label folders, as scikit-learn's `load_files` reads them: `root/<label>/<file>`.
//!
//! The builder never touches a filesystem: the caller feeds it `(relative path, bytes)`
//! entries from wherever they come from (a directory walk in the CLI, a `.zip` archive in the
//! browser), in any order. The label is the first directory below the root
//! (`alt.atheism/49960` has label `alt.atheism`). The result is sorted as `load_files` lists
//! it (folder names sorted, then file names sorted, by code point), whatever the order of
//! insertion.
//!
//! Entries that do not fit the layout are skipped and counted with a reason: files directly in
//! the root, files deeper than one folder, and anything hidden (a path component starting with
//! `.`, such as `.DS_Store` or `.git/`). Paths ending in `/` or `\` are directory entries (as
//! archives list them) and are ignored without being counted.

use super::decode::decode_text;
use super::stats::{ReadStats, SkipTally};
use super::Dataset;
use crate::error::{Error, Result};

/// One accepted file.
#[derive(Debug, Clone)]
struct Entry {
    label: String,
    file: String,
    text: String,
    latin1: bool,
}

/// Collects files of a label-folder tree and turns them into a [`Dataset`].
#[derive(Debug, Clone, Default)]
pub struct FolderDataset {
    root: String,
    entries: Vec<Entry>,
    skips: SkipTally,
}

impl FolderDataset {
    /// An empty collection; `root` names the tree (a directory or archive) in messages.
    pub fn new(root: &str) -> FolderDataset {
        FolderDataset {
            root: root.to_string(),
            ..Default::default()
        }
    }

    /// Adds the file at `path` (relative to the root; `/` or `\` separated) with contents
    /// `bytes`, decoded as UTF-8 or else Latin-1. Returns `true` when the file was accepted,
    /// `false` when it was skipped (and counted) or was a directory entry.
    pub fn add(&mut self, path: &str, bytes: &[u8]) -> bool {
        if path.is_empty() || path.ends_with(['/', '\\']) {
            return false;
        }
        let parts: Vec<&str> = path
            .split(['/', '\\'])
            .filter(|p| !p.is_empty() && *p != ".")
            .collect();
        let reason = if parts.iter().any(|p| p.starts_with('.')) {
            Some("hidden (name starting with '.')")
        } else if parts.len() == 1 {
            Some("directly in the root folder (not in a label folder)")
        } else if parts.len() > 2 {
            Some("in a subfolder of a label folder")
        } else {
            None
        };
        if let Some(reason) = reason {
            let at = join(&self.root, path);
            self.skips.file(reason, || at);
            return false;
        }
        let (text, latin1) = decode_text(bytes);
        self.entries.push(Entry {
            label: parts[0].to_string(),
            file: parts[1].to_string(),
            text,
            latin1,
        });
        true
    }

    /// Number of files accepted so far.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// `true` when no file has been accepted yet.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The documents sorted by (label, file name), with counts. A second file with the same
    /// label and name (possible in an archive) is skipped and counted; the one added first is
    /// kept. No accepted file is [`Error::NoDocuments`].
    pub fn finish(self) -> Result<(Dataset, ReadStats)> {
        let FolderDataset {
            root,
            mut entries,
            mut skips,
        } = self;
        // Stable, so among duplicates the first added comes first and is the one kept.
        entries.sort_by(|a, b| (&a.label, &a.file).cmp(&(&b.label, &b.file)));
        let mut stats = ReadStats::default();
        let mut data = Dataset::default();
        let mut previous: Option<(String, String)> = None;
        for e in entries {
            if previous
                .as_ref()
                .is_some_and(|(l, f)| *l == e.label && *f == e.file)
            {
                skips.file("with a duplicate path", || {
                    join(&root, &format!("{}/{}", e.label, e.file))
                });
                continue;
            }
            stats.records += 1;
            stats.latin1_documents += usize::from(e.latin1);
            data.push(e.label.clone(), e.text);
            previous = Some((e.label, e.file));
        }
        skips.finish(&mut stats);
        if data.is_empty() {
            let mut what = if root.is_empty() {
                "<folders>".to_string()
            } else {
                root
            };
            if stats.skipped > 0 {
                what = format!(
                    "{what} (every file was skipped: {})",
                    stats.skip_reasons.join("; ")
                );
            }
            return Err(Error::NoDocuments(what));
        }
        Ok((data, stats))
    }
}

/// `root/path`, or `path` alone when there is no root name.
fn join(root: &str, path: &str) -> String {
    if root.is_empty() {
        path.to_string()
    } else {
        format!("{}/{path}", root.trim_end_matches(['/', '\\']))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_come_from_the_first_folder_and_order_is_sorted() {
        let mut f = FolderDataset::new("news");
        assert!(f.add("sci.space/61", b"rocket"));
        assert!(f.add("alt.atheism/53", b"b"));
        assert!(f.add("alt.atheism/49960", b"a"));
        assert!(f.add("./comp.graphics\\38753", b"c"));
        assert!(f.add("alt.atheism/100", b"0"));
        assert_eq!(f.len(), 5);
        let (d, s) = f.finish().unwrap();
        // File names sort as text, as `sorted(listdir(...))` does: "100" < "49960" < "53".
        assert_eq!(
            d.labels,
            [
                "alt.atheism",
                "alt.atheism",
                "alt.atheism",
                "comp.graphics",
                "sci.space"
            ]
        );
        assert_eq!(d.texts, ["0", "a", "b", "c", "rocket"]);
        assert_eq!(
            s,
            ReadStats {
                records: 5,
                ..Default::default()
            }
        );
    }

    #[test]
    fn insertion_order_does_not_matter() {
        let files = [
            ("b/2", "x"),
            ("a/1", "y"),
            ("b/1", "z"),
            ("a/10", "w"),
            ("B/9", "v"),
        ];
        let build = |order: &[usize]| {
            let mut f = FolderDataset::new("r");
            for &i in order {
                f.add(files[i].0, files[i].1.as_bytes());
            }
            f.finish().unwrap().0
        };
        let a = build(&[0, 1, 2, 3, 4]);
        assert_eq!(a, build(&[4, 3, 2, 1, 0]));
        assert_eq!(a, build(&[2, 4, 0, 3, 1]));
        assert_eq!(a.labels, ["B", "a", "a", "b", "b"]);
        assert_eq!(a.texts, ["v", "y", "w", "z", "x"]);
    }

    #[test]
    fn misplaced_and_hidden_files_are_skipped_and_counted() {
        let mut f = FolderDataset::new("data.zip");
        assert!(!f.add("README", b"x"));
        assert!(!f.add("LICENSE", b"x"));
        assert!(!f.add("ham/.DS_Store", b"x"));
        assert!(!f.add(".git/config", b"x"));
        assert!(!f.add("ham/old/1", b"x"));
        assert!(!f.add("ham/", b""));
        assert!(!f.add("", b""));
        assert!(f.add("ham/1", b"hello"));
        let (d, s) = f.finish().unwrap();
        assert_eq!(d.len(), 1);
        assert_eq!(s.records, 1);
        assert_eq!(s.skipped, 5);
        assert_eq!(
            s.skip_reasons,
            [
                "2 files directly in the root folder (not in a label folder), first at data.zip/README",
                "2 files hidden (name starting with '.'), first at data.zip/ham/.DS_Store",
                "1 file in a subfolder of a label folder, first at data.zip/ham/old/1",
            ]
        );
    }

    #[test]
    fn latin1_files_are_decoded_and_counted() {
        let mut f = FolderDataset::new("");
        f.add("a/1", b"caf\xe9");
        f.add("a/2", "café".as_bytes());
        f.add("b/1", b"\xff\xfe");
        let (d, s) = f.finish().unwrap();
        assert_eq!(d.texts, ["café", "café", "ÿþ"]);
        assert_eq!(s.latin1_documents, 2);
    }

    #[test]
    fn duplicates_keep_the_first_added() {
        let mut f = FolderDataset::new("z");
        f.add("a/1", b"first");
        f.add("a/1", b"second");
        f.add("a\\1", b"third");
        let (d, s) = f.finish().unwrap();
        assert_eq!(d.texts, ["first"]);
        assert_eq!(
            s.skip_reasons,
            ["2 files with a duplicate path, first at z/a/1"]
        );
    }

    #[test]
    fn nothing_accepted_is_no_documents() {
        assert!(
            matches!(FolderDataset::new("empty").finish(), Err(Error::NoDocuments(n)) if n == "empty")
        );
        let mut f = FolderDataset::new("flat");
        f.add("one.txt", b"x");
        let err = f.finish().unwrap_err().to_string();
        assert!(
            err.starts_with("flat (every file was skipped: 1 file directly in the root"),
            "{err}"
        );
    }
}
