//! Reading inputs from the filesystem: files (streamed) or `load_files`-style directories.

use anyhow::{Context, Result};
use std::fs;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use textclf::data::{read_labelled, Dataset, FolderDataset, ReadOptions, ReadStats};

/// Reads labelled documents from a file (CSV / TSV / JSON Lines, gzip or not) or from a
/// directory whose sub-directories are the labels.
pub fn read_dataset(path: &Path, opts: &ReadOptions) -> Result<(Dataset, ReadStats)> {
    let name = path.display().to_string();
    let meta = fs::metadata(path).with_context(|| format!("cannot open {name}"))?;
    if meta.is_dir() {
        let mut files = Vec::new();
        walk(path, &mut files).with_context(|| format!("cannot list {name}"))?;
        let mut folder = FolderDataset::new(&name);
        for file in files {
            let rel = file.strip_prefix(path).expect("below root").to_string_lossy().into_owned();
            let bytes = fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            folder.add(&rel, &bytes);
        }
        return Ok(folder.finish()?);
    }
    let file = fs::File::open(path).with_context(|| format!("cannot open {name}"))?;
    Ok(read_labelled(&name, BufReader::with_capacity(1 << 16, file), opts)?)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            walk(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// One line about what was read, with Latin-1 and skip counts.
pub fn describe(what: &str, path: &Path, data: &Dataset, stats: &ReadStats) -> String {
    let mut s = format!("{what}: {} documents from {}", data.len(), path.display());
    if stats.latin1_documents > 0 {
        s += &format!("; {} not valid UTF-8, decoded as Latin-1", stats.latin1_documents);
    }
    if stats.skipped > 0 {
        s += &format!("; {} skipped ({})", stats.skipped, stats.skip_reasons.join("; "));
    }
    s
}
