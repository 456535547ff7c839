//! Tokenizing text the way scikit-learn's word analyzer does.

pub mod stop_words;
