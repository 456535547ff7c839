//! The library's one error type.
//!
//! Every variant says *where* (file, line, column, parameter) and *what*; the CLI prints the
//! message as it is and the wasm adapter turns it into a JavaScript `Error`.

use std::fmt;

/// Result alias used throughout the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Where in an input a problem was found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Position {
    /// Name of the input (a file path, an archive member, or `"<input>"`).
    pub source: String,
    /// 1-based line number, when known.
    pub line: Option<u64>,
    /// 1-based record (row) number, header excluded, when known.
    pub record: Option<u64>,
}

impl Position {
    /// A position naming only the input.
    pub fn source(name: impl Into<String>) -> Self {
        Position { source: name.into(), line: None, record: None }
    }
    /// A position at a line of an input.
    pub fn line(name: impl Into<String>, line: u64) -> Self {
        Position { source: name.into(), line: Some(line), record: None }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(record) = self.record {
            write!(f, " (record {record})")?;
        }
        Ok(())
    }
}

/// Everything that can go wrong in textclf.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A record could not be parsed.
    #[error("{at}: {message}")]
    Parse {
        /// Where.
        at: Position,
        /// What is wrong, in plain words.
        message: String,
    },
    /// A requested column does not exist.
    #[error("{at}: no column named {column:?}; the columns are: {available}")]
    MissingColumn {
        /// Where (the header line).
        at: Position,
        /// The column asked for.
        column: String,
        /// The columns that do exist, comma-separated.
        available: String,
    },
    /// The input holds no usable document.
    #[error("{0}: no documents")]
    NoDocuments(String),
    /// A parameter is out of range or inconsistent with another.
    #[error("invalid {name}: {message}")]
    InvalidParameter {
        /// Parameter name as the CLI spells it (e.g. `--max-df`).
        name: &'static str,
        /// What is wrong and what is accepted.
        message: String,
    },
    /// The training data does not allow fitting (e.g. one class, empty vocabulary).
    #[error("cannot fit: {0}")]
    Fit(String),
    /// A model file is malformed, damaged or of an unsupported version.
    #[error("model file: {0}")]
    ModelFile(String),
    /// The caller asked training to stop.
    #[error("training was cancelled")]
    Cancelled,
    /// Reading from a stream failed.
    #[error("{at}: {source}")]
    Io {
        /// Where.
        at: Position,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// Shorthand for [`Error::InvalidParameter`].
    pub fn param(name: &'static str, message: impl Into<String>) -> Self {
        Error::InvalidParameter { name, message: message.into() }
    }
    /// Shorthand for [`Error::Parse`].
    pub fn parse(at: Position, message: impl Into<String>) -> Self {
        Error::Parse { at, message: message.into() }
    }
}
