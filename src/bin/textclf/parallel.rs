//! Native parallelism for the CLI (the library itself runs on one thread; the shell splits the
//! work): count the terms of two halves of the corpus on two threads and merge the counts.

use anyhow::Result;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use textclf::features::vocabulary::TermCounts;
use textclf::features::TfidfConfig;
use textclf::text::Analyzer;

/// Term counts of `texts` (in order), counted in two halves at once; `progress(done)` is
/// called from this thread with the documents done by both.
pub fn count_terms(config: &TfidfConfig, texts: &[String], progress: &mut dyn FnMut(usize)) -> Result<TermCounts> {
    let mid = texts.len() / 2;
    let other_done = AtomicUsize::new(0);
    let (mut first, second) = thread::scope(|s| -> Result<(TermCounts, TermCounts)> {
        let worker = s.spawn(|| -> Result<TermCounts> {
            let mut analyzer = Analyzer::new(config.analyzer.clone())?;
            Ok(TermCounts::count(&mut analyzer, &texts[mid..], &mut |d| other_done.store(d, Ordering::Relaxed)))
        });
        let mut analyzer = Analyzer::new(config.analyzer.clone())?;
        let first = TermCounts::count(&mut analyzer, &texts[..mid], &mut |d| progress(d + other_done.load(Ordering::Relaxed)));
        let second = worker.join().expect("the counting thread does not panic")?;
        Ok((first, second))
    })?;
    first.merge(second);
    Ok(first)
}
