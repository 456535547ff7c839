//! The three record formats and how one is chosen: explicitly, by file name, or by content.

use std::fmt;
use std::str::FromStr;

use super::decode;
use crate::error::{Error, Result};

/// A file format for labelled records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Comma-separated values (RFC 4180) with a header row.
    Csv,
    /// Tab-separated values with a header row (quoting as in CSV).
    Tsv,
    /// JSON Lines: one JSON object per line.
    Jsonl,
}

impl Format {
    /// The format a file name implies by its extension (`.csv`, `.tsv`, `.tab`, `.jsonl`,
    /// `.ndjson`, case-insensitive, a trailing `.gz` ignored), or `None`.
    pub fn from_name(name: &str) -> Option<Format> {
        let file = name
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(name)
            .to_ascii_lowercase();
        let file = file.strip_suffix(".gz").unwrap_or(&file);
        let (_, ext) = file.rsplit_once('.')?;
        match ext {
            "csv" => Some(Format::Csv),
            "tsv" | "tab" => Some(Format::Tsv),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            _ => None,
        }
    }

    /// The format the start of a (decompressed, BOM-free) input suggests: JSON Lines when the
    /// first non-whitespace byte is `{`; TSV when the first non-blank line has a tab and no
    /// comma; CSV otherwise.
    pub fn sniff(head: &[u8]) -> Format {
        if head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') {
            return Format::Jsonl;
        }
        let line = decode::first_content_line(head);
        if line.contains(&b'\t') && !line.contains(&b',') {
            Format::Tsv
        } else {
            Format::Csv
        }
    }

    /// The lowercase name (`"csv"`, `"tsv"`, `"jsonl"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Jsonl => "jsonl",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = Error;

    /// Parses `csv`, `tsv` (or `tab`), `jsonl` (or `ndjson`), case-insensitively.
    fn from_str(s: &str) -> Result<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "csv" => Ok(Format::Csv),
            "tsv" | "tab" => Ok(Format::Tsv),
            "jsonl" | "ndjson" => Ok(Format::Jsonl),
            _ => Err(Error::param(
                "--format",
                format!("{s:?} is not a format; use csv, tsv or jsonl"),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_from_name() {
        assert_eq!(Format::from_name("a/b/Train.CSV"), Some(Format::Csv));
        assert_eq!(Format::from_name("x.tsv.gz"), Some(Format::Tsv));
        assert_eq!(Format::from_name("x.tab"), Some(Format::Tsv));
        assert_eq!(Format::from_name("x.ndjson"), Some(Format::Jsonl));
        assert_eq!(Format::from_name("c:\\d\\x.jsonl.GZ"), Some(Format::Jsonl));
        assert_eq!(Format::from_name("x.gz"), None);
        assert_eq!(Format::from_name("<input>"), None);
        assert_eq!(Format::from_name("dir.csv/file"), None);
    }

    #[test]
    fn format_from_str() {
        assert_eq!("CSV".parse::<Format>().unwrap(), Format::Csv);
        assert_eq!("tsv".parse::<Format>().unwrap(), Format::Tsv);
        assert_eq!("ndjson".parse::<Format>().unwrap(), Format::Jsonl);
        let err = "xml".parse::<Format>().unwrap_err().to_string();
        assert!(err.contains("--format") && err.contains("xml"), "{err}");
        assert_eq!(Format::Jsonl.to_string(), "jsonl");
    }

    #[test]
    fn format_sniffing() {
        assert_eq!(Format::sniff(b"\n  {\"label\": 1}"), Format::Jsonl);
        assert_eq!(Format::sniff(b"label\ttext\na\tb,c\n"), Format::Tsv);
        assert_eq!(Format::sniff(b"label,text\ta\n"), Format::Csv);
        assert_eq!(Format::sniff(b"label;text\n"), Format::Csv);
        assert_eq!(Format::sniff(b""), Format::Csv);
    }
}
