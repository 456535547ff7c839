//! CSV and TSV with a header row (RFC 4180), read record by record with the `csv` crate.
//!
//! Quoted fields may hold delimiters, newlines and doubled quotes (`""`); records may end with
//! CRLF or LF; TSV follows the same quoting rules with a tab as delimiter. Columns are chosen
//! by header name. Fields are bytes: valid UTF-8 is used as is, anything else is decoded as
//! Latin-1 and the record counted. Labels are kept exactly as written (not trimmed); a record
//! whose label is empty or only whitespace is skipped and counted.

use std::io::Read;

use super::decode::decode_text;
use super::stats::{ReadStats, SkipTally};
use super::ReadOptions;
use crate::error::{Error, Position, Result};

/// Reads delimited records from `input` (already decompressed, BOM removed), calling
/// `on_record(label, text)` for every accepted record.
pub(crate) fn read<R: Read>(
    name: &str,
    input: R,
    delimiter: u8,
    opts: &ReadOptions,
    on_record: &mut dyn FnMut(String, String) -> Result<()>,
    crlf: bool,
) -> Result<ReadStats> {
    // The csv crate counts the line of a record one short when the previous record ended
    // in CRLF (BurntSushi/rust-csv#395); inputs with CRLF line ends get the line added back.
    let lag = u64::from(crlf);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .flexible(true)
        .from_reader(input);

    let header = reader
        .byte_headers()
        .map_err(|e| csv_error(name, e, 0))?
        .clone();
    if header.is_empty() {
        return Err(Error::NoDocuments(name.to_string()));
    }
    let header_line = header.position().map_or(1, |p| p.line());
    let columns: Vec<String> = header.iter().map(|f| decode_text(f).0).collect();
    let find = |wanted: &str| {
        columns
            .iter()
            .position(|c| c == wanted)
            .ok_or_else(|| Error::MissingColumn {
                at: Position::line(name, header_line),
                column: wanted.to_string(),
                available: columns
                    .iter()
                    .map(|c| format!("{c:?}"))
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    };
    let label_at = find(&opts.label_col)?;
    let text_at = find(&opts.text_col)?;

    let mut stats = ReadStats::default();
    let mut skips = SkipTally::default();
    let mut record = csv::ByteRecord::new();
    let mut number = 0u64;
    while reader
        .read_byte_record(&mut record)
        .map_err(|e| csv_error(name, e, lag))?
    {
        number += 1;
        let line = record.position().map_or(0, |p| p.line() + lag);
        if record.len() != header.len() {
            return Err(Error::Parse {
                at: Position {
                    source: name.to_string(),
                    line: Some(line),
                    record: Some(number),
                },
                message: format!(
                    "expected {} fields (as in the header), found {}",
                    header.len(),
                    record.len()
                ),
            });
        }
        let (label, label_latin1) = decode_text(&record[label_at]);
        if label.trim().is_empty() {
            skips.record("with an empty label", || format!("{name} line {line}"));
            continue;
        }
        let (text, text_latin1) = decode_text(&record[text_at]);
        stats.records += 1;
        stats.latin1_documents += usize::from(label_latin1 || text_latin1);
        on_record(label, text)?;
    }
    skips.finish(&mut stats);
    Ok(stats)
}

/// Turns a `csv` error into the crate's error, keeping the position.
fn csv_error(name: &str, err: csv::Error, lag: u64) -> Error {
    let at = match err.position() {
        Some(p) => Position::line(name, p.line() + lag),
        None => Position::source(name),
    };
    let message = err.to_string();
    match err.into_kind() {
        csv::ErrorKind::Io(source) => Error::Io { at, source },
        _ => Error::parse(at, message),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{read_labelled_bytes, Dataset, Format, ReadOptions, ReadStats};
    use crate::error::{Error, Result};

    fn read(name: &str, bytes: &[u8]) -> Result<(Dataset, ReadStats)> {
        read_labelled_bytes(name, bytes, &ReadOptions::default())
    }

    #[test]
    fn quoted_fields_with_newlines_and_doubled_quotes() {
        let csv = b"label,text\nham,\"line one\nline \"\"two\"\", with comma\"\nspam,plain\n";
        let (d, s) = read("q.csv", csv).unwrap();
        assert_eq!(d.labels, ["ham", "spam"]);
        assert_eq!(d.texts, ["line one\nline \"two\", with comma", "plain"]);
        assert_eq!(
            s,
            ReadStats {
                records: 2,
                ..Default::default()
            }
        );
    }

    #[test]
    fn crlf_and_lf_records_keep_newlines_inside_quotes() {
        let crlf = b"label,text\r\nham,\"a\nb\"\r\nspam,\"c\r\nd\"\r\n";
        let (d, _) = read("c.csv", crlf).unwrap();
        assert_eq!(d.texts, ["a\nb", "c\r\nd"]);
        let lf = b"label,text\nham,x\nspam,y";
        assert_eq!(read("l.csv", lf).unwrap().0.texts, ["x", "y"]);
    }

    #[test]
    fn columns_are_chosen_by_name_in_any_order() {
        let csv = b"id,text,extra,category\n1,hello,,greeting\n2,bye,x,farewell\n";
        let opts = ReadOptions {
            label_col: "category".into(),
            ..Default::default()
        };
        let (d, _) = read_labelled_bytes("x.csv", csv, &opts).unwrap();
        assert_eq!(d.labels, ["greeting", "farewell"]);
        assert_eq!(d.texts, ["hello", "bye"]);
    }

    #[test]
    fn tsv() {
        let tsv = b"text\tlabel\r\nbuy, now\tspam\r\n\"tab\tinside\"\tham\r\n";
        let (d, _) = read("x.tsv", tsv).unwrap();
        assert_eq!(d.labels, ["spam", "ham"]);
        assert_eq!(d.texts, ["buy, now", "tab\tinside"]);
        let opts = ReadOptions {
            format: Some(Format::Tsv),
            ..Default::default()
        };
        assert_eq!(read_labelled_bytes("x.txt", tsv, &opts).unwrap().0.len(), 2);
    }

    #[test]
    fn bom_is_ignored() {
        let csv = b"\xEF\xBB\xBFlabel,text\nham,hi\n";
        let (d, s) = read("b.csv", csv).unwrap();
        assert_eq!(d.labels, ["ham"]);
        assert_eq!(s.latin1_documents, 0);
    }

    #[test]
    fn latin1_fields_are_decoded_and_counted_once_per_record() {
        let csv = b"label,text\ncaf\xe9,na\xefve\nham,caf\xc3\xa9\nspam,\xff\n";
        let (d, s) = read("l.csv", csv).unwrap();
        assert_eq!(d.labels, ["café", "ham", "spam"]);
        assert_eq!(d.texts, ["naïve", "café", "ÿ"]);
        assert_eq!(s.latin1_documents, 2);
        assert_eq!(s.records, 3);
    }

    #[test]
    fn missing_column_lists_the_columns_that_exist() {
        let err = read("m.csv", b"category,body\na,b\n").unwrap_err();
        assert!(matches!(&err, Error::MissingColumn { column, .. } if column == "label"));
        assert_eq!(
            err.to_string(),
            "m.csv, line 1: no column named \"label\"; the columns are: \"category\", \"body\""
        );
        let opts = ReadOptions {
            label_col: "category".into(),
            ..Default::default()
        };
        let err = read_labelled_bytes("m.csv", b"category,body\na,b\n", &opts).unwrap_err();
        assert!(
            err.to_string().contains("no column named \"text\""),
            "{err}"
        );
    }

    #[test]
    fn wrong_field_count_names_the_line_with_crlf_line_ends_too() {
        let crlf = b"label,text\r\nham,\"a\r\nb\"\r\nspam,b\r\nx,y,z\r\n";
        let err = read_labelled_bytes("c.csv", crlf, &ReadOptions::default()).unwrap_err();
        assert!(err.to_string().starts_with("c.csv, line 5 (record 3):"), "{err}");
        let mut long = b"label,text\r\n".to_vec();
        for i in 0..10 {
            long.extend_from_slice(format!("l{},t\r\n", i % 2).as_bytes());
        }
        long.extend_from_slice(b"x,y,z\r\n");
        let err = read_labelled_bytes("d.csv", &long, &ReadOptions::default()).unwrap_err();
        assert!(err.to_string().starts_with("d.csv, line 12 (record 11):"), "{err}");
    }

    #[test]
    fn wrong_field_count_names_file_and_line() {
        let csv = b"label,text\nham,\"multi\nline\"\nspam,a,b\n";
        let err = read("w.csv", csv).unwrap_err();
        assert!(
            matches!(&err, Error::Parse { at, .. } if at.line == Some(4) && at.record == Some(2))
        );
        assert_eq!(
            err.to_string(),
            "w.csv, line 4 (record 2): expected 2 fields (as in the header), found 3"
        );
        let err = read("w.csv", b"label,text\nonly\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 2") && err.contains("found 1"), "{err}");
    }

    #[test]
    fn empty_labels_are_skipped_and_counted_empty_texts_kept() {
        let csv = b"label,text\nham,\n,orphan\n  ,spaces\nspam,x\n\"\",quoted\n";
        let (d, s) = read("e.csv", csv).unwrap();
        assert_eq!(d.labels, ["ham", "spam"]);
        assert_eq!(d.texts, ["", "x"]);
        assert_eq!(s.records, 2);
        assert_eq!(s.skipped, 3);
        assert_eq!(
            s.skip_reasons,
            ["3 records with an empty label, first at e.csv line 3"]
        );
    }

    #[test]
    fn labels_are_kept_as_written() {
        let (d, _) = read("k.csv", b"label,text\n ham ,x\n").unwrap();
        assert_eq!(d.labels, [" ham "]);
    }

    #[test]
    fn header_only_and_blank_inputs_have_no_documents() {
        assert!(matches!(
            read("h.csv", b"label,text\r\n"),
            Err(Error::NoDocuments(_))
        ));
        assert!(matches!(read("h.csv", b"\n\n"), Err(Error::NoDocuments(_))));
    }

    #[test]
    fn unterminated_quote_does_not_panic() {
        let res = read("u.csv", b"label,text\nham,\"never closed\n");
        // The csv crate reads to the end of input as the field; either outcome is fine as long
        // as it is not a panic.
        let _ = res;
    }
}
