//! A look at the first rows of an input, to let a person choose the label and text columns.

use super::decode::{decode_text, open_text};
use super::{archive, Format};
use crate::error::{Error, Position, Result};
use serde::Serialize;
use std::io::{BufRead, BufReader};

/// The first rows of an input, every cell as a string (long cells cut to [`CELL_CHARS`]).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Preview {
    /// `"csv"`, `"tsv"`, `"jsonl"` or `"zip"`.
    pub format: String,
    /// Column names (JSON keys of the first object for JSON Lines; `label`, `text` for zip).
    pub columns: Vec<String>,
    /// Up to the requested number of rows, one cell per column.
    pub rows: Vec<Vec<String>>,
}

/// Characters kept per cell.
pub const CELL_CHARS: usize = 200;

fn cut(s: &str) -> String {
    s.chars().take(CELL_CHARS).collect()
}

/// The first `max_rows` rows of the file `bytes` (gzip, zip, CSV, TSV or JSON Lines).
pub fn preview(name: &str, bytes: &[u8], max_rows: usize) -> Result<Preview> {
    if archive::is_zip(bytes) {
        let (d, _) = archive::read_zip(name, bytes)?;
        let rows = d.labels.iter().zip(&d.texts).take(max_rows).map(|(l, t)| vec![l.clone(), cut(t)]).collect();
        return Ok(Preview { format: "zip".into(), columns: vec!["label".into(), "text".into()], rows });
    }
    let io = |source| Error::Io { at: Position::source(name), source };
    let (head, input) = open_text(bytes).map_err(io)?;
    let format = Format::from_name(name).unwrap_or_else(|| Format::sniff(&head));
    let mut rows = Vec::new();
    let columns = match format {
        Format::Csv | Format::Tsv => {
            let delim = if format == Format::Tsv { b'\t' } else { b',' };
            let mut r = csv::ReaderBuilder::new().delimiter(delim).flexible(true).from_reader(input);
            let bad = |e: csv::Error| Error::parse(Position::source(name), e.to_string());
            let columns = r.byte_headers().map_err(bad)?.iter().map(|c| decode_text(c).0).collect();
            for rec in r.byte_records().take(max_rows) {
                rows.push(rec.map_err(bad)?.iter().map(|c| cut(&decode_text(c).0)).collect());
            }
            columns
        }
        Format::Jsonl => {
            let mut columns: Vec<String> = Vec::new();
            for (i, line) in BufReader::new(input).split(b'\n').enumerate() {
                if rows.len() >= max_rows {
                    break;
                }
                let line = line.map_err(io)?;
                let text = decode_text(&line).0;
                if text.trim().is_empty() {
                    continue;
                }
                let obj: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&text)
                    .map_err(|e| Error::parse(Position::line(name, i as u64 + 1), format!("invalid JSON object: {e}")))?;
                if columns.is_empty() {
                    columns = obj.keys().cloned().collect();
                }
                rows.push(
                    columns
                        .iter()
                        .map(|k| match obj.get(k) {
                            Some(serde_json::Value::String(s)) => cut(s),
                            Some(v) => cut(&v.to_string()),
                            None => String::new(),
                        })
                        .collect(),
                );
            }
            columns
        }
    };
    Ok(Preview { format: format.as_str().into(), columns, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_tsv_and_jsonl_previews() {
        let p = preview("a.csv", b"category,body\nx,\"hello\nworld\"\ny,bye\nz,more\n", 2).unwrap();
        assert_eq!(p.format, "csv");
        assert_eq!(p.columns, ["category", "body"]);
        assert_eq!(p.rows, [["x", "hello\nworld"], ["y", "bye"]]);
        let p = preview("data", b"l\tt\na\tb\n", 5).unwrap();
        assert_eq!((p.format.as_str(), p.rows.len()), ("tsv", 1));
        let p = preview("x.jsonl", b"{\"t\": \"hi\", \"l\": 3}\n\n{\"l\": 4}\n", 5).unwrap();
        assert_eq!(p.columns, ["t", "l"]);
        assert_eq!(p.rows, [["hi", "3"], ["", "4"]]);
        assert!(preview("x.jsonl", b"{oops\n", 5).unwrap_err().to_string().contains("line 1"));
    }
}
