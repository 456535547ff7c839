//! The whole pipeline as one call for the shells.
