//! Compressed sparse row (CSR) matrices, the layout of `scipy.sparse.csr_matrix`.

use serde::{Deserialize, Serialize};

/// A row-major sparse matrix of `f32`: row `r` holds the entries
/// `indices[indptr[r]..indptr[r + 1]]` (column numbers, ascending) with values
/// `data[indptr[r]..indptr[r + 1]]`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CsrMatrix {
    n_cols: usize,
    indptr: Vec<usize>,
    indices: Vec<u32>,
    data: Vec<f32>,
}

/// One row of a [`CsrMatrix`]: parallel slices of column numbers and values.
#[derive(Debug, Clone, Copy)]
pub struct SparseRow<'a> {
    /// Column numbers, ascending.
    pub indices: &'a [u32],
    /// Values, one per column number.
    pub values: &'a [f32],
}

impl<'a> SparseRow<'a> {
    /// Number of stored entries.
    pub fn nnz(&self) -> usize {
        self.indices.len()
    }
    /// `(column, value)` pairs.
    pub fn iter(&self) -> impl Iterator<Item = (usize, f32)> + 'a {
        self.indices.iter().map(|&j| j as usize).zip(self.values.iter().copied())
    }
}

impl CsrMatrix {
    /// An empty matrix with `n_cols` columns and no rows; add rows with [`CsrMatrix::push_row`].
    pub fn new(n_cols: usize) -> Self {
        CsrMatrix { n_cols, indptr: vec![0], indices: Vec::new(), data: Vec::new() }
    }

    /// Like [`CsrMatrix::new`] with room for `rows` rows and `nnz` entries.
    pub fn with_capacity(n_cols: usize, rows: usize, nnz: usize) -> Self {
        let mut indptr = Vec::with_capacity(rows + 1);
        indptr.push(0);
        CsrMatrix { n_cols, indptr, indices: Vec::with_capacity(nnz), data: Vec::with_capacity(nnz) }
    }

    /// Appends a row from `(column, value)` pairs with strictly ascending columns `< n_cols`
    /// (checked in debug builds).
    pub fn push_row(&mut self, entries: impl IntoIterator<Item = (u32, f32)>) {
        for (j, v) in entries {
            debug_assert!((j as usize) < self.n_cols);
            debug_assert!(self.indices.len() == *self.indptr.last().unwrap()
                || *self.indices.last().unwrap() < j);
            self.indices.push(j);
            self.data.push(v);
        }
        self.indptr.push(self.indices.len());
    }

    /// Number of rows.
    pub fn n_rows(&self) -> usize {
        self.indptr.len() - 1
    }
    /// Number of columns.
    pub fn n_cols(&self) -> usize {
        self.n_cols
    }
    /// Number of stored entries.
    pub fn nnz(&self) -> usize {
        self.indices.len()
    }
    /// Row `r`.
    #[inline]
    pub fn row(&self, r: usize) -> SparseRow<'_> {
        let (a, b) = (self.indptr[r], self.indptr[r + 1]);
        SparseRow { indices: &self.indices[a..b], values: &self.data[a..b] }
    }
    /// Row pointers (`n_rows + 1` of them).
    pub fn indptr(&self) -> &[usize] {
        &self.indptr
    }
    /// Column numbers of all entries.
    pub fn indices(&self) -> &[u32] {
        &self.indices
    }
    /// Values of all entries.
    pub fn data(&self) -> &[f32] {
        &self.data
    }

    /// Renumbers the columns: column `j` becomes `new_index[j]` (a permutation of
    /// `0..n_cols`). Entries keep their order within each row, so rows are no longer sorted by
    /// column; the matrix is for the trainer's internal use then.
    pub(crate) fn permute_columns(&mut self, new_index: &[u32]) {
        debug_assert_eq!(new_index.len(), self.n_cols);
        for j in &mut self.indices {
            *j = new_index[*j as usize];
        }
    }

    /// A new matrix made of the given rows, in the given order.
    pub fn select_rows(&self, rows: &[usize]) -> CsrMatrix {
        let nnz = rows.iter().map(|&r| self.indptr[r + 1] - self.indptr[r]).sum();
        let mut out = CsrMatrix::with_capacity(self.n_cols, rows.len(), nnz);
        for &r in rows {
            let row = self.row(r);
            out.indices.extend_from_slice(row.indices);
            out.data.extend_from_slice(row.values);
            out.indptr.push(out.indices.len());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_read_and_select_rows() {
        let mut m = CsrMatrix::new(4);
        m.push_row([(0, 1.0), (3, 2.0)]);
        m.push_row([]);
        m.push_row([(2, 5.0)]);
        assert_eq!((m.n_rows(), m.n_cols(), m.nnz()), (3, 4, 3));
        assert_eq!(m.indptr(), &[0, 2, 2, 3]);
        assert_eq!(m.row(0).iter().collect::<Vec<_>>(), [(0, 1.0), (3, 2.0)]);
        assert_eq!(m.row(1).nnz(), 0);
        let s = m.select_rows(&[2, 0]);
        assert_eq!(s.indptr(), &[0, 1, 3]);
        assert_eq!(s.indices(), &[2, 0, 3]);
        assert_eq!(s.data(), &[5.0, 1.0, 2.0]);
    }
}
