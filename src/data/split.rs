//! A seeded, stratified train/test split.
//!
//! Sizes follow scikit-learn's `train_test_split`: `n_test = ceil(test_size * n)` and
//! `n_train = n - n_test`. The test documents are shared out among the classes in proportion
//! to their sizes by the largest-remainder method (ties go to the lower class code), so every
//! class is represented as evenly as whole numbers allow; within a class the test members are
//! chosen by a seeded shuffle ([`crate::rng::Rng`]). The result depends only on the labels,
//! `test_size` and the seed, on every platform.
//!
//! Unlike scikit-learn, which refuses classes with a single member, such a class goes wholly
//! to the training set (a class the model has never seen cannot be predicted anyway), and every
//! class keeps at least one training document.

use std::collections::BTreeMap;

use crate::error::{Error, Result};
use crate::rng::Rng;

/// The parameter name used in errors.
const PARAM: &str = "--test-size";

/// Document indices of a train/test split, each list sorted ascending; together they hold
/// every index once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Split {
    /// Indices of the training documents.
    pub train: Vec<usize>,
    /// Indices of the test documents.
    pub test: Vec<usize>,
}

/// Splits documents with class codes `labels` into a training and a test set, stratified by
/// class; `test_size` is the test fraction, strictly between 0 and 1.
///
/// Errors ([`Error::InvalidParameter`] for `--test-size`): `test_size` outside (0, 1); either
/// side would be empty; or the classes with at least two members cannot supply `n_test`
/// documents while each keeps one for training.
pub fn stratified_split(labels: &[u32], test_size: f64, seed: u64) -> Result<Split> {
    if !(test_size > 0.0 && test_size < 1.0) {
        return Err(Error::param(
            PARAM,
            format!("{test_size} is not a fraction strictly between 0 and 1"),
        ));
    }
    let n = labels.len();
    let n_test = ((test_size * n as f64).ceil() as usize).min(n);
    let n_train = n - n_test;
    if n_test == 0 || n_train == 0 {
        return Err(Error::param(
            PARAM,
            format!(
                "with {n} documents, a test size of {test_size} leaves {n_train} for training and \
                 {n_test} for testing; both need at least one"
            ),
        ));
    }

    let mut classes: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, &label) in labels.iter().enumerate() {
        classes.entry(label).or_default().push(i);
    }
    let sizes: Vec<usize> = classes.values().map(|members| members.len()).collect();
    let quota = allocate(&sizes, n_test).ok_or_else(|| {
        let capacity: usize = sizes.iter().filter(|&&s| s >= 2).map(|s| s - 1).sum();
        Error::param(
            PARAM,
            format!(
                "{n_test} test documents are needed but only {capacity} can be taken while every \
                 class keeps one training document (classes with one document stay in training); \
                 use a smaller test size"
            ),
        )
    })?;

    let mut rng = Rng::new(seed);
    let mut split = Split {
        train: Vec::with_capacity(n_train),
        test: Vec::with_capacity(n_test),
    };
    for (mut members, k) in classes.into_values().zip(quota) {
        if k > 0 {
            rng.shuffle(&mut members);
        }
        split.test.extend_from_slice(&members[..k]);
        split.train.extend_from_slice(&members[k..]);
    }
    split.train.sort_unstable();
    split.test.sort_unstable();
    Ok(split)
}

/// Shares `total` test places among classes of the given sizes, in proportion to size, by the
/// largest-remainder method, so that classes of one member get none and every class keeps at
/// least one member out. `None` when that is impossible.
fn allocate(sizes: &[usize], total: usize) -> Option<Vec<usize>> {
    let cap = |size: usize| if size >= 2 { size - 1 } else { 0 };
    if sizes.iter().map(|&s| cap(s)).sum::<usize>() < total {
        return None;
    }
    let eligible: u128 = sizes.iter().filter(|&&s| s >= 2).map(|&s| s as u128).sum();
    // Exact quotas total * size / eligible, as whole part and remainder.
    let mut quota = vec![0usize; sizes.len()];
    let mut remainder = vec![0u128; sizes.len()];
    for (c, &size) in sizes.iter().enumerate() {
        if size >= 2 {
            let exact = total as u128 * size as u128;
            quota[c] = (exact / eligible) as usize;
            remainder[c] = exact % eligible;
        }
    }
    // Largest remainders first; equal remainders in class order.
    let mut order: Vec<usize> = (0..sizes.len()).filter(|&c| sizes[c] >= 2).collect();
    order.sort_by(|&a, &b| remainder[b].cmp(&remainder[a]).then(a.cmp(&b)));
    let assigned: usize = quota.iter().sum();
    for &c in order.iter().cycle().take(total - assigned) {
        quota[c] += 1;
    }
    // Keep one member of each class for training; hand the excess on in the same order.
    let mut excess = 0;
    for (q, &size) in quota.iter_mut().zip(sizes) {
        excess += q.saturating_sub(cap(size));
        *q = (*q).min(cap(size));
    }
    while excess > 0 {
        for &c in &order {
            if excess > 0 && quota[c] < cap(sizes[c]) {
                quota[c] += 1;
                excess -= 1;
            }
        }
    }
    Some(quota)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(sizes: &[(u32, usize)]) -> Vec<u32> {
        sizes
            .iter()
            .flat_map(|&(c, n)| std::iter::repeat_n(c, n))
            .collect()
    }

    fn per_class(labels: &[u32], idx: &[usize]) -> BTreeMap<u32, usize> {
        let mut m = BTreeMap::new();
        for &i in idx {
            *m.entry(labels[i]).or_default() += 1;
        }
        m
    }

    fn check_partition(split: &Split, n: usize) {
        assert!(split.train.windows(2).all(|w| w[0] < w[1]));
        assert!(split.test.windows(2).all(|w| w[0] < w[1]));
        let mut all: Vec<usize> = split.train.iter().chain(&split.test).copied().collect();
        all.sort_unstable();
        assert_eq!(all, (0..n).collect::<Vec<_>>());
    }

    #[test]
    fn sizes_follow_scikit_learn() {
        // 0.25 * 10 = 2.5 -> 3 test, 7 train.
        let y = labels(&[(0, 5), (1, 5)]);
        let s = stratified_split(&y, 0.25, 0).unwrap();
        assert_eq!((s.train.len(), s.test.len()), (7, 3));
        check_partition(&s, 10);
        // 0.28 * 25 is 7.000000000000001 in f64, so scikit-learn (and we) take 8.
        let y = labels(&[(0, 10), (1, 15)]);
        assert_eq!(stratified_split(&y, 0.28, 0).unwrap().test.len(), 8);
    }

    #[test]
    fn proportions_per_class() {
        let y = labels(&[(0, 50), (1, 30), (2, 20)]);
        let s = stratified_split(&y, 0.2, 7).unwrap();
        check_partition(&s, 100);
        assert_eq!(
            per_class(&y, &s.test),
            BTreeMap::from([(0, 10), (1, 6), (2, 4)])
        );
    }

    #[test]
    fn largest_remainder_with_ties_to_the_lower_class() {
        // 4 test places (0.3 * 12 = 3.6 -> 4) over 3 classes of 4: quotas 4/3 each, equal
        // remainders, so the spare place goes to class 0.
        let y = labels(&[(0, 4), (1, 4), (2, 4)]);
        let s = stratified_split(&y, 0.3, 1).unwrap();
        assert_eq!(
            per_class(&y, &s.test),
            BTreeMap::from([(0, 2), (1, 1), (2, 1)])
        );
        // Exact quotas; then unequal remainders (21/9 and 6/9: the spare goes to class 1).
        assert_eq!(allocate(&[6, 4], 5), Some(vec![3, 2]));
        assert_eq!(allocate(&[7, 2, 1], 3), Some(vec![2, 1, 0]));
    }

    #[test]
    fn same_seed_same_split_different_seed_different_split() {
        let y: Vec<u32> = (0..1000).map(|i| (i % 7) as u32).collect();
        let a = stratified_split(&y, 0.3, 42).unwrap();
        assert_eq!(a, stratified_split(&y, 0.3, 42).unwrap());
        let b = stratified_split(&y, 0.3, 43).unwrap();
        assert_ne!(a.test, b.test);
        assert_eq!(per_class(&y, &a.test), per_class(&y, &b.test));
        check_partition(&a, 1000);
    }

    #[test]
    fn single_member_classes_go_to_training() {
        let y = vec![0, 0, 0, 0, 1, 2, 2, 2, 2, 9];
        for seed in 0..20 {
            let s = stratified_split(&y, 0.4, seed).unwrap();
            assert_eq!(s.test.len(), 4);
            assert!(s.train.contains(&4) && s.train.contains(&9));
            assert_eq!(per_class(&y, &s.test), BTreeMap::from([(0, 2), (2, 2)]));
        }
    }

    #[test]
    fn every_class_keeps_a_training_member() {
        // 11 places over sizes 2, 2, 10: largest remainders give 2, 1, 8, but class 0 must keep
        // a member, so its excess place moves on to class 2.
        assert_eq!(allocate(&[2, 2, 10], 11), Some(vec![1, 1, 9]));
        let y = labels(&[(0, 2), (1, 2), (2, 10)]);
        let s = stratified_split(&y, 0.75, 3).unwrap(); // ceil(10.5) = 11
        assert_eq!(
            per_class(&y, &s.test),
            BTreeMap::from([(0, 1), (1, 1), (2, 9)])
        );
        assert_eq!(
            per_class(&y, &s.train),
            BTreeMap::from([(0, 1), (1, 1), (2, 1)])
        );
    }

    #[test]
    fn sparse_and_large_class_codes() {
        let y = vec![u32::MAX, 5, u32::MAX, 5, 5, u32::MAX];
        let s = stratified_split(&y, 0.3, 0).unwrap(); // ceil(1.8) = 2
        assert_eq!(
            per_class(&y, &s.test),
            BTreeMap::from([(5, 1), (u32::MAX, 1)])
        );
    }

    #[test]
    fn test_size_must_be_a_fraction() {
        let y = labels(&[(0, 5), (1, 5)]);
        for bad in [0.0, 1.0, -0.1, 1.5, f64::NAN, f64::INFINITY] {
            let err = stratified_split(&y, bad, 0).unwrap_err();
            assert!(
                matches!(
                    err,
                    Error::InvalidParameter {
                        name: "--test-size",
                        ..
                    }
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn both_sides_must_be_non_empty() {
        assert!(stratified_split(&[], 0.5, 0).is_err());
        assert!(stratified_split(&[0], 0.5, 0).is_err());
        // 0.95 * 10 = 9.5 -> 10 test, 0 train.
        let err = stratified_split(&labels(&[(0, 5), (1, 5)]), 0.95, 0)
            .unwrap_err()
            .to_string();
        assert!(err.contains("0 for training"), "{err}");
    }

    #[test]
    fn impossible_stratification_is_an_error_not_a_panic() {
        // Every class has one member: nothing can go to the test set.
        let err = stratified_split(&[0, 1, 2, 3], 0.5, 0)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("--test-size") && err.contains("only 0 can be taken"),
            "{err}"
        );
        // 0.7 * 6 -> 5 test, but classes of 3 and 3 can give only 2 + 2.
        assert!(stratified_split(&labels(&[(0, 3), (1, 3)]), 0.7, 0).is_err());
    }

    #[test]
    fn two_documents_one_class() {
        let s = stratified_split(&[4, 4], 0.5, 9).unwrap();
        assert_eq!((s.train.len(), s.test.len()), (1, 1));
    }
}
