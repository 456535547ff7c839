//! Vocabularies, TF-IDF weighting and CSR sparse matrices.
