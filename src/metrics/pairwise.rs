//! NumPy's pairwise summation, so that averages match `np.sum` / `np.mean` / `np.average`
//! bit for bit.
//!
//! NumPy adds a contiguous `float64` array (`np.add.reduce`) with `pairwise_sum` from
//! `numpy/_core/src/umath/loops_utils.h.src`: fewer than 8 values are added left to right;
//! up to 128 values go through 8 interleaved accumulators combined as
//! `((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))`, then the remainder is added in order;
//! longer arrays are split in two at half the length rounded down to a multiple of 8.
//! The result is added to the identity `0.0`, which changes nothing for finite sums.

/// Block length below which NumPy stops splitting (`PW_BLOCKSIZE`).
const BLOCK: usize = 128;

/// Sum of `values` in NumPy's order.
pub fn sum(values: &[f64]) -> f64 {
    let n = values.len();
    if n < 8 {
        let mut total = 0.0;
        for &v in values {
            total += v;
        }
        total
    } else if n <= BLOCK {
        let mut r = [0.0f64; 8];
        r.copy_from_slice(&values[..8]);
        let whole = n - n % 8;
        let mut i = 8;
        while i < whole {
            for (j, acc) in r.iter_mut().enumerate() {
                *acc += values[i + j];
            }
            i += 8;
        }
        let mut total = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for &v in &values[whole..] {
            total += v;
        }
        total
    } else {
        let mut half = n / 2;
        half -= half % 8;
        sum(&values[..half]) + sum(&values[half..])
    }
}

#[cfg(test)]
mod tests {
    use super::sum;

    fn sequential(values: &[f64]) -> f64 {
        values.iter().fold(0.0, |a, &b| a + b)
    }

    /// Golden sums from NumPy:
    /// ```python
    /// import numpy as np
    /// for n in (0, 5, 8, 13, 128, 129, 300, 1000):
    ///     print(n, repr(float(np.sum(np.array([1.0 / (i + 1) for i in range(n)])))))
    /// ```
    #[test]
    fn matches_numpy() {
        let cases: [(usize, f64); 8] = [
            (0, 0.0),
            (5, 2.283333333333333),
            (8, 2.7178571428571425),
            (13, 3.180133755133755),
            (128, 5.433147092589173),
            (129, 5.440899030573669),
            (300, 6.282663880299504),
            (1000, 7.485470860550345),
        ];
        for (n, expected) in cases {
            let values: Vec<f64> = (0..n).map(|i| 1.0 / (i as f64 + 1.0)).collect();
            assert_eq!(sum(&values).to_bits(), expected.to_bits(), "n = {n}");
        }
    }

    #[test]
    fn differs_from_left_to_right_where_numpy_does() {
        let values: Vec<f64> = (0..1000).map(|i| 1.0 / (i as f64 + 1.0)).collect();
        assert_ne!(sum(&values), sequential(&values));
    }
}
