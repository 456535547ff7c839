//! JSON Lines: one JSON object per non-blank line, read line by line.
//!
//! The label may be a string or a number (a number becomes its decimal text, as JSON wrote
//! it); the text must be a string. Other keys are ignored. A line that is not valid UTF-8 is
//! decoded as Latin-1 and counted. A record whose label is empty or only whitespace is skipped
//! and counted, as in CSV.

use std::io::{BufRead, BufReader, Read};

use serde_json::{Map, Value};

use super::decode::decode_text;
use super::stats::{ReadStats, SkipTally};
use super::ReadOptions;
use crate::error::{Error, Position, Result};

/// Reads JSON Lines from `input` (already decompressed, BOM removed), calling
/// `on_record(label, text)` for every accepted record.
pub(crate) fn read<R: Read>(
    name: &str,
    input: R,
    opts: &ReadOptions,
    on_record: &mut dyn FnMut(String, String) -> Result<()>,
) -> Result<ReadStats> {
    let mut input = BufReader::new(input);
    let mut stats = ReadStats::default();
    let mut skips = SkipTally::default();
    let mut bytes = Vec::new();
    let mut line_no = 0u64;
    let mut record_no = 0u64;
    loop {
        bytes.clear();
        let n = input
            .read_until(b'\n', &mut bytes)
            .map_err(|source| Error::Io {
                at: Position::line(name, line_no + 1),
                source,
            })?;
        if n == 0 {
            break;
        }
        line_no += 1;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        record_no += 1;
        let at = || Position {
            source: name.to_string(),
            line: Some(line_no),
            record: Some(record_no),
        };
        let (line, latin1) = decode_text(&bytes);
        let (label, text) =
            parse_line(&line, opts).map_err(|message| Error::parse(at(), message))?;
        if label.trim().is_empty() {
            skips.record("with an empty label", || format!("{name} line {line_no}"));
            continue;
        }
        stats.records += 1;
        stats.latin1_documents += usize::from(latin1);
        on_record(label, text)?;
    }
    skips.finish(&mut stats);
    Ok(stats)
}

/// Parses one line into `(label, text)`, or says in plain words what is wrong.
fn parse_line(line: &str, opts: &ReadOptions) -> std::result::Result<(String, String), String> {
    let mut object: Map<String, Value> = match serde_json::from_str::<Value>(line) {
        Ok(Value::Object(map)) => map,
        Ok(other) => return Err(format!("expected a JSON object, found {}", kind(&other))),
        Err(e) => return Err(format!("invalid JSON: {}", json_message(&e))),
    };
    let label = match object.remove(&opts.label_col) {
        Some(Value::String(s)) => s,
        Some(Value::Number(n)) => n.to_string(),
        Some(other) => {
            return Err(format!(
                "key {:?} must be a string or a number, found {}",
                opts.label_col,
                kind(&other)
            ))
        }
        None => return Err(missing(&opts.label_col, &object)),
    };
    let text = match object.remove(&opts.text_col) {
        Some(Value::String(s)) => s,
        Some(other) => {
            return Err(format!(
                "key {:?} must be a string, found {}",
                opts.text_col,
                kind(&other)
            ))
        }
        None => return Err(missing(&opts.text_col, &object)),
    };
    Ok((label, text))
}

/// The message for a missing key, listing the keys that exist.
fn missing(key: &str, object: &Map<String, Value>) -> String {
    if object.is_empty() {
        return format!("no key {key:?}; the object is empty");
    }
    let keys: Vec<String> = object.keys().map(|k| format!("{k:?}")).collect();
    format!("no key {key:?}; the keys are: {}", keys.join(", "))
}

/// The JSON type of a value, in words.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// serde_json's message with "line 1" replaced by the column alone (the line is ours).
fn json_message(err: &serde_json::Error) -> String {
    let full = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    match full.strip_suffix(&suffix) {
        Some(message) => format!("{message} at column {}", err.column()),
        None => full,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{read_labelled_bytes, Dataset, ReadOptions, ReadStats};
    use crate::error::Result;

    fn read(bytes: &[u8]) -> Result<(Dataset, ReadStats)> {
        read_labelled_bytes("d.jsonl", bytes, &ReadOptions::default())
    }

    fn err(bytes: &[u8]) -> String {
        read(bytes).unwrap_err().to_string()
    }

    #[test]
    fn good_lines() {
        let input = concat!(
            "{\"label\": \"spam\", \"text\": \"buy \\\"now\\\"\\nplease\", \"id\": 7}\r\n",
            "\n",
            "   \n",
            "{\"text\": \"\", \"label\": 3}\n",
            "{\"label\": -1.5, \"text\": \"caf\\u00e9\"}"
        );
        let (d, s) = read(input.as_bytes()).unwrap();
        assert_eq!(d.labels, ["spam", "3", "-1.5"]);
        assert_eq!(d.texts, ["buy \"now\"\nplease", "", "café"]);
        assert_eq!(
            s,
            ReadStats {
                records: 3,
                ..Default::default()
            }
        );
    }

    #[test]
    fn custom_keys() {
        let opts = ReadOptions {
            label_col: "y".into(),
            text_col: "x".into(),
            ..Default::default()
        };
        let (d, _) =
            read_labelled_bytes("d.jsonl", b"{\"x\":\"hi\",\"y\":\"a\"}\n", &opts).unwrap();
        assert_eq!((d.labels[0].as_str(), d.texts[0].as_str()), ("a", "hi"));
    }

    #[test]
    fn latin1_lines_are_decoded_and_counted() {
        let (d, s) =
            read(b"{\"label\":\"a\",\"text\":\"na\xefve\"}\n{\"label\":\"b\",\"text\":\"ok\"}\n")
                .unwrap();
        assert_eq!(d.texts, ["naïve", "ok"]);
        assert_eq!(s.latin1_documents, 1);
    }

    #[test]
    fn bom_is_ignored() {
        let (d, _) = read(b"\xEF\xBB\xBF{\"label\":\"a\",\"text\":\"t\"}\n").unwrap();
        assert_eq!(d.labels, ["a"]);
    }

    #[test]
    fn empty_labels_are_skipped_and_counted() {
        let (d, s) =
            read(b"{\"label\":\"a\",\"text\":\"t\"}\n{\"label\":\" \",\"text\":\"u\"}\n").unwrap();
        assert_eq!(d.len(), 1);
        assert_eq!(
            s.skip_reasons,
            ["1 record with an empty label, first at d.jsonl line 2"]
        );
    }

    #[test]
    fn invalid_json_names_the_line_and_column() {
        let e = err(b"{\"label\":\"a\",\"text\":\"t\"}\n\n{\"label\" \"a\"}\n");
        assert_eq!(
            e,
            "d.jsonl, line 3 (record 2): invalid JSON: expected `:` at column 10"
        );
    }

    #[test]
    fn not_an_object() {
        assert_eq!(
            err(b"[1, 2]\n"),
            "d.jsonl, line 1 (record 1): expected a JSON object, found an array"
        );
        assert!(err(b"\"label\"\n").contains("found a string"));
    }

    #[test]
    fn missing_keys_list_the_keys_that_exist() {
        assert_eq!(
            err(b"{\"category\":\"a\",\"text\":\"t\"}\n"),
            "d.jsonl, line 1 (record 1): no key \"label\"; the keys are: \"category\", \"text\""
        );
        assert!(err(b"{\"label\":\"a\"}\n").contains("no key \"text\"; the object is empty"));
    }

    #[test]
    fn wrong_types() {
        assert!(err(b"{\"label\":null,\"text\":\"t\"}")
            .contains("key \"label\" must be a string or a number, found null"));
        assert!(err(b"{\"label\":true,\"text\":\"t\"}").contains("found a boolean"));
        assert!(err(b"{\"label\":\"a\",\"text\":5}")
            .contains("key \"text\" must be a string, found a number"));
        assert!(err(b"{\"label\":\"a\",\"text\":[\"t\"]}").contains("found an array"));
    }

    #[test]
    fn two_objects_on_one_line_is_an_error() {
        assert!(
            err(b"{\"label\":\"a\",\"text\":\"t\"} {\"label\":\"b\",\"text\":\"u\"}\n")
                .contains("trailing characters")
        );
    }
}
