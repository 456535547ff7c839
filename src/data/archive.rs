//! `.zip` archives of label folders (`<label>/<file>`, optionally under one top folder), read
//! from bytes — how the browser receives a `load_files` tree.

use super::folders::FolderDataset;
use super::{Dataset, ReadStats};
use crate::error::{Error, Position, Result};
use std::io::{Cursor, Read};

/// The four bytes every zip archive (local file header) starts with.
pub const ZIP_MAGIC: [u8; 4] = *b"PK\x03\x04";

/// Whether `bytes` look like a zip archive.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(&ZIP_MAGIC)
}

/// Largest uncompressed size accepted for one member (a guard against zip bombs).
const MAX_MEMBER: u64 = 256 << 20;

/// Reads a zip archive whose folders are the labels. When every member sits under one common
/// top folder (`train/<label>/<file>`, as zipping a directory produces), that folder is the
/// root.
pub fn read_zip(name: &str, bytes: &[u8]) -> Result<(Dataset, ReadStats)> {
    let bad = |e: zip::result::ZipError| Error::parse(Position::source(name), format!("not a readable zip archive: {e}"));
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(bad)?;
    let names: Vec<String> = (0..archive.len())
        .map(|i| match archive.name_for_index(i) {
            Some(Ok(n)) => n.replace('\\', "/"),
            _ => String::new(),
        })
        .collect();
    let files: Vec<&String> = names.iter().filter(|n| !n.ends_with('/')).collect();
    let top = files.first().and_then(|n| n.split_once('/')).map(|(t, _)| format!("{t}/"));
    let strip = match top {
        // Strip only if each file is under it *and* below a further folder (else the top
        // folder itself holds the labels).
        Some(t) if files.iter().all(|n| n.starts_with(&t) && n[t.len()..].contains('/')) => t,
        _ => String::new(),
    };
    let mut folder = FolderDataset::new(name);
    for i in 0..archive.len() {
        let mut member = archive.by_index(i).map_err(bad)?;
        if member.is_dir() {
            continue;
        }
        if member.size() > MAX_MEMBER {
            return Err(Error::parse(
                Position::source(format!("{name}: {}", names[i])),
                format!("member of {} bytes is larger than the {} MiB accepted", member.size(), MAX_MEMBER >> 20),
            ));
        }
        let mut buf = Vec::with_capacity(member.size() as usize);
        member.by_ref().take(MAX_MEMBER + 1).read_to_end(&mut buf).map_err(|source| Error::Io {
            at: Position::source(format!("{name}: {}", names[i])),
            source,
        })?;
        let path = names[i].strip_prefix(&strip).unwrap_or(&names[i]);
        folder.add(path, &buf);
    }
    folder.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    fn zip_of(entries: &[(&str, &str)]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (path, text) in entries {
            if path.ends_with('/') {
                w.add_directory(*path, SimpleFileOptions::default()).unwrap();
            } else {
                w.start_file(*path, SimpleFileOptions::default()).unwrap();
                w.write_all(text.as_bytes()).unwrap();
            }
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn label_folders_with_and_without_a_top_folder() {
        let flat = zip_of(&[("b/2", "two"), ("a/1", "one"), ("a/", ""), ("README", "x")]);
        assert!(is_zip(&flat));
        let (d, s) = read_zip("flat.zip", &flat).unwrap();
        assert_eq!(d.labels, ["a", "b"]);
        assert_eq!(d.texts, ["one", "two"]);
        assert_eq!(s.skipped, 1, "README in the root is counted");
        let nested = zip_of(&[("train/", ""), ("train/x/1", "one"), ("train/y/1", "two")]);
        let (d, _) = read_zip("nested.zip", &nested).unwrap();
        assert_eq!(d.labels, ["x", "y"]);
    }

    #[test]
    fn garbage_is_an_error_naming_the_file() {
        let e = read_zip("junk.zip", b"PK\x03\x04 not really").unwrap_err();
        assert!(e.to_string().starts_with("junk.zip"), "{e}");
    }
}
