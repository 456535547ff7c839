//! Reading labelled text (CSV, TSV, JSON Lines, label folders), label encoding and splitting.
