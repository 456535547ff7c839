//! Writing a CSR matrix in SciPy's `save_npz` layout (a zip of `.npy` arrays), readable by
//! `scipy.sparse.load_npz`.

use anyhow::{Context, Result};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use textclf::features::CsrMatrix;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// The bytes of a `.npy` file (format version 1.0) with the given dtype, shape and raw data.
fn npy(descr: &str, shape: &[usize], data: &[u8]) -> Vec<u8> {
    let dims: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
    let shape = match dims.len() {
        0 => "()".to_string(),
        1 => format!("({},)", dims[0]),
        _ => format!("({})", dims.join(", ")),
    };
    let mut header = format!("{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}");
    // Magic (6) + version (2) + length (2) + header + '\n' is a multiple of 64.
    while (10 + header.len() + 1) % 64 != 0 {
        header.push(' ');
    }
    header.push('\n');
    let mut out = Vec::with_capacity(10 + header.len() + data.len());
    out.extend_from_slice(b"\x93NUMPY\x01\x00");
    out.extend_from_slice(&(header.len() as u16).to_le_bytes());
    out.extend_from_slice(header.as_bytes());
    out.extend_from_slice(data);
    out
}

fn le_bytes<T: Copy, const N: usize>(values: &[T], f: impl Fn(T) -> [u8; N]) -> Vec<u8> {
    values.iter().flat_map(|&v| f(v)).collect()
}

/// Writes `x` to `path` as a compressed `.npz` (float32 data, int32 indices, int64 indptr).
pub fn write_csr(path: &Path, x: &CsrMatrix) -> Result<()> {
    let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    let mut zip = ZipWriter::new(BufWriter::new(file));
    let opts = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .large_file(true);
    let indptr: Vec<i64> = x.indptr().iter().map(|&p| p as i64).collect();
    let arrays: [(&str, Vec<u8>); 5] = [
        ("indices.npy", npy("<i4", &[x.nnz()], &le_bytes(x.indices(), |v| (v as i32).to_le_bytes()))),
        ("indptr.npy", npy("<i8", &[indptr.len()], &le_bytes(&indptr, i64::to_le_bytes))),
        ("format.npy", npy("|S3", &[], b"csr")),
        ("shape.npy", npy("<i8", &[2], &le_bytes(&[x.n_rows() as i64, x.n_cols() as i64], i64::to_le_bytes))),
        ("data.npy", npy("<f4", &[x.nnz()], &le_bytes(x.data(), f32::to_le_bytes))),
    ];
    for (name, bytes) in arrays {
        zip.start_file(name, opts)?;
        zip.write_all(&bytes)?;
    }
    zip.finish()?.flush()?;
    Ok(())
}
