//! Reading labelled text (CSV, TSV, JSON Lines, label folders), label encoding and splitting.
//!
//! Every reader takes bytes (a [`std::io::Read`] or a slice), never a path: the CLI opens files
//! and the browser hands over `Uint8Array`s. Gzip input is recognised by its magic bytes and
//! decompressed on the fly. Text that is not valid UTF-8 is decoded as Latin-1 and counted in
//! [`ReadStats::latin1_documents`]; records that cannot be used are skipped and counted with a
//! reason in [`ReadStats::skip_reasons`], never dropped silently.
//!
//! [`read_records`] hands records to a callback as they are parsed, so a streaming consumer
//! never holds the whole input; [`read_labelled`] collects them into a [`Dataset`].

mod archive;
mod decode;
mod delimited;
mod folders;
mod format;
mod jsonl;
mod labels;
mod preview;
mod split;
mod stats;

use std::io::Read;

pub use archive::{is_zip, read_zip, ZIP_MAGIC};
pub use decode::{decode_text, is_gzip, GZIP_MAGIC, UTF8_BOM};
pub use folders::FolderDataset;
pub use format::Format;
pub use labels::LabelSet;
pub use preview::{preview, Preview};
pub use split::{stratified_split, Split};
pub use stats::ReadStats;

use crate::error::{Error, Position, Result};

/// Labelled documents in input order: `texts[i]` has label `labels[i]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dataset {
    /// The documents.
    pub texts: Vec<String>,
    /// One label per document.
    pub labels: Vec<String>,
}

impl Dataset {
    /// Number of documents.
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    /// `true` when there is no document.
    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// Appends one document.
    pub fn push(&mut self, label: String, text: String) {
        self.labels.push(label);
        self.texts.push(text);
    }
}

/// How to read a labelled input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// The format; `None` means: from the name's extension, else sniffed from the content.
    pub format: Option<Format>,
    /// Column (CSV/TSV header name) or key (JSON Lines) holding the label. Default `"label"`.
    pub label_col: String,
    /// Column or key holding the text. Default `"text"`.
    pub text_col: String,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            format: None,
            label_col: "label".into(),
            text_col: "text".into(),
        }
    }
}

/// Reads labelled records from `reader` and hands each accepted one to `on_record(label, text)`
/// as soon as it is parsed; the input is never held in memory as a whole.
///
/// `name` is used in messages and, when `opts.format` is `None`, for the extension; failing
/// that the format is sniffed (see [`Format::sniff`]). Gzip is detected by the magic bytes
/// `1f 8b`, whatever the name. A leading UTF-8 byte order mark is ignored.
///
/// An error returned by `on_record` stops reading and is returned as is. An input without an
/// accepted record is [`Error::NoDocuments`].
pub fn read_records<R, F>(
    name: &str,
    reader: R,
    opts: &ReadOptions,
    mut on_record: F,
) -> Result<ReadStats>
where
    R: Read,
    F: FnMut(String, String) -> Result<()>,
{
    let (head, input) = decode::open_text(reader).map_err(|source| Error::Io {
        at: Position::source(name),
        source,
    })?;
    let crlf = head.iter().position(|&b| b == b'\n').is_some_and(|i| i > 0 && head[i - 1] == b'\r');
    let format = opts
        .format
        .or_else(|| Format::from_name(name))
        .unwrap_or_else(|| Format::sniff(&head));
    let stats = match format {
        Format::Csv => delimited::read(name, input, b',', opts, &mut on_record, crlf)?,
        Format::Tsv => delimited::read(name, input, b'\t', opts, &mut on_record, crlf)?,
        Format::Jsonl => jsonl::read(name, input, opts, &mut on_record)?,
    };
    if stats.records == 0 {
        return Err(if stats.skipped == 0 {
            Error::NoDocuments(name.to_string())
        } else {
            Error::NoDocuments(format!(
                "{name} (every record was skipped: {})",
                stats.skip_reasons.join("; ")
            ))
        });
    }
    Ok(stats)
}

/// Reads a whole labelled input into a [`Dataset`] (file order) with its [`ReadStats`].
/// See [`read_records`] for the rules.
pub fn read_labelled<R: Read>(
    name: &str,
    reader: R,
    opts: &ReadOptions,
) -> Result<(Dataset, ReadStats)> {
    let mut data = Dataset::default();
    let stats = read_records(name, reader, opts, |label, text| {
        data.push(label, text);
        Ok(())
    })?;
    Ok((data, stats))
}

/// [`read_labelled`] over bytes already in memory (e.g. a file picked in the browser).
pub fn read_labelled_bytes(
    name: &str,
    bytes: &[u8],
    opts: &ReadOptions,
) -> Result<(Dataset, ReadStats)> {
    read_labelled(name, bytes, opts)
}

#[cfg(test)]
pub(crate) mod test_util {
    use std::io::Write;

    /// Gzip-compresses `bytes`.
    pub(crate) fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(bytes).unwrap();
        enc.finish().unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::test_util::gzip;
    use super::*;

    fn read(name: &str, bytes: &[u8]) -> Result<(Dataset, ReadStats)> {
        read_labelled_bytes(name, bytes, &ReadOptions::default())
    }

    #[test]
    fn content_is_sniffed_when_the_name_says_nothing() {
        let (d, _) = read("<input>", b"label\ttext\nspam\tbuy, now\n").unwrap();
        assert_eq!(d.texts, ["buy, now"]);
        let (d, _) = read("<input>", b"{\"label\":\"a\",\"text\":\"t\"}\n").unwrap();
        assert_eq!(d.labels, ["a"]);
    }

    #[test]
    fn explicit_format_beats_name_and_name_beats_content() {
        let tsv = b"label\ttext\nspam\tbuy\n";
        let opts = ReadOptions {
            format: Some(Format::Tsv),
            ..Default::default()
        };
        assert_eq!(
            read_labelled_bytes("x.csv", tsv, &opts).unwrap().0.texts,
            ["buy"]
        );
        // Named .csv, so read as CSV: one column "label\ttext", and no "text" column.
        assert!(matches!(
            read("x.csv", tsv),
            Err(Error::MissingColumn { .. })
        ));
    }

    #[test]
    fn gzip_is_detected_from_bytes_not_name() {
        let csv = b"label,text\nham,hello\nspam,\"buy, now\"\n";
        let z = gzip(csv);
        for name in ["train.csv", "train.csv.gz", "<input>"] {
            let (d, s) = read(name, &z).unwrap();
            assert_eq!(d.labels, ["ham", "spam"], "{name}");
            assert_eq!(s.records, 2);
        }
        // A plain file with a misleading .gz name is read as it is.
        assert_eq!(read("train.csv.gz", csv).unwrap().0.len(), 2);
        // Gzipped JSON Lines are sniffed after decompression.
        let j = gzip(b"{\"label\":\"a\",\"text\":\"t\"}\n");
        assert_eq!(read("upload.bin", &j).unwrap().0.texts, ["t"]);
    }

    #[test]
    fn empty_and_damaged_inputs() {
        assert!(matches!(read("e.csv", b""), Err(Error::NoDocuments(n)) if n == "e.csv"));
        assert!(matches!(
            read("h.csv", b"label,text\n"),
            Err(Error::NoDocuments(_))
        ));
        assert!(matches!(
            read("e.jsonl", b"\n \n"),
            Err(Error::NoDocuments(_))
        ));
        let err = read("s.csv", b"label,text\n ,a\n").unwrap_err().to_string();
        assert!(
            err.contains("every record was skipped") && err.contains("empty label"),
            "{err}"
        );
        let mut z = gzip(b"label,text\nham,hello\n");
        z.truncate(z.len() / 2);
        assert!(matches!(read("t.csv", &z), Err(Error::Io { .. })));
    }

    #[test]
    fn callback_errors_stop_reading() {
        let mut seen = 0;
        let res = read_records(
            "x.csv",
            &b"label,text\na,1\nb,2\nc,3\n"[..],
            &ReadOptions::default(),
            |_, _| {
                seen += 1;
                if seen == 2 {
                    Err(Error::Cancelled)
                } else {
                    Ok(())
                }
            },
        );
        assert!(matches!(res, Err(Error::Cancelled)));
        assert_eq!(seen, 2);
    }

    /// Reads the real 20 Newsgroups training file when it is available (always on CI).
    #[test]
    fn reads_20newsgroups_train_csv() {
        let dir = match std::env::var_os("TEXTCLF_DATA_DIR") {
            Some(dir) => std::path::PathBuf::from(dir),
            None => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data"),
        };
        let path = dir.join("20news-bydate-train.csv.gz");
        if !path.exists() {
            let on_ci = std::env::var("CI").is_ok_and(|v| v.eq_ignore_ascii_case("true"));
            assert!(
                !on_ci,
                "CI=true but the test data is missing: {}",
                path.display()
            );
            eprintln!("skipping: {} not found", path.display());
            return;
        }
        let file = std::fs::File::open(&path).unwrap();
        let (data, stats) =
            read_labelled("20news-bydate-train.csv.gz", file, &ReadOptions::default()).unwrap();
        assert_eq!(stats.records, 11_314);
        assert_eq!(data.len(), 11_314);
        assert_eq!(data.labels.len(), data.texts.len());
        // The CSV is valid UTF-8 (the 44 Latin-1 posts were transcoded when it was made).
        assert_eq!(stats.latin1_documents, 0);
        assert_eq!(stats.skipped, 0);
        assert_eq!(data.labels[0], "alt.atheism");
        assert!(data.texts[0].starts_with("From: mathew <mathew@mantis.co.uk>\n"));
        let set = LabelSet::fit(&data.labels);
        assert_eq!(set.len(), 20);
        assert_eq!(set.names()[19], "talk.religion.misc");
        let atheism = data.labels.iter().filter(|l| *l == "alt.atheism").count();
        assert_eq!(atheism, 480);
        // Posts keep their LF newlines, and their own carriage returns, exactly.
        assert!(data.texts.iter().all(|t| t.ends_with('\n')));
        assert_eq!(data.texts.iter().filter(|t| t.contains('\r')).count(), 3);
    }
}

/// Reads labelled documents from the bytes of a whole file: a `.zip` of label folders
/// (detected by its magic bytes), or CSV / TSV / JSON Lines, gzip-compressed or not.
pub fn read_any_bytes(name: &str, bytes: &[u8], opts: &ReadOptions) -> Result<(Dataset, ReadStats)> {
    if is_zip(bytes) {
        read_zip(name, bytes)
    } else {
        read_labelled_bytes(name, bytes, opts)
    }
}
