//! Command-line arguments.

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use textclf::data::{Format, ReadOptions};
use textclf::features::{DfBound, TfidfConfig};
use textclf::format::WeightType;
use textclf::text::{AnalyzerConfig, StopWords};
use textclf::train::{Optimizer, TrainConfig};

/// Text classification: TF-IDF + softmax regression, faithful to scikit-learn.
#[derive(Parser, Debug)]
#[command(name = "textclf", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Train a classifier on labelled text and evaluate it on a test set.
    Train(TrainArgs),
    /// Evaluate a saved model on labelled text.
    Eval(EvalArgs),
    /// Predict labels of texts given as arguments or one per line on stdin.
    Predict(PredictArgs),
    /// Write the TF-IDF matrix of a corpus as a SciPy .npz file (and its vocabulary beside it).
    Vectorize(VectorizeArgs),
}

/// Where the labels and texts are in the input.
#[derive(Args, Debug)]
pub struct DataArgs {
    /// Input format (default: from the file name, else from the content).
    #[arg(long, value_name = "csv|tsv|jsonl")]
    pub format: Option<String>,
    /// Column (or JSON key) holding the label.
    #[arg(long, default_value = "label")]
    pub label_col: String,
    /// Column (or JSON key) holding the text.
    #[arg(long, default_value = "text")]
    pub text_col: String,
}

impl DataArgs {
    pub fn to_options(&self) -> Result<ReadOptions> {
        let format = match &self.format {
            Some(f) => Some(f.parse::<Format>()?),
            None => None,
        };
        Ok(ReadOptions { format, label_col: self.label_col.clone(), text_col: self.text_col.clone() })
    }
}

/// Tokenizer and TF-IDF settings (scikit-learn's TfidfVectorizer parameters).
#[derive(Args, Debug)]
pub struct VectorizerArgs {
    /// Stop words: english (scikit-learn's list), none, or a file with one word per line.
    #[arg(long, default_value = "none", value_name = "english|none|FILE")]
    pub stop_words: String,
    /// Word n-gram range MIN,MAX.
    #[arg(long, default_value = "1,1", value_name = "MIN,MAX")]
    pub ngram_range: String,
    /// Ignore terms in fewer documents: a count (5) or a fraction (0.01).
    #[arg(long, default_value = "1")]
    pub min_df: String,
    /// Ignore terms in more documents: a count (5000) or a fraction (0.5).
    #[arg(long, default_value = "1.0")]
    pub max_df: String,
    /// Keep only the N most frequent terms.
    #[arg(long, value_name = "N")]
    pub max_features: Option<usize>,
    /// Use 1 + ln(tf) instead of the raw term count.
    #[arg(long)]
    pub sublinear_tf: bool,
    /// Do not add one to document frequencies in the idf.
    #[arg(long)]
    pub no_smooth_idf: bool,
    /// Keep the case of the text.
    #[arg(long)]
    pub no_lowercase: bool,
}

impl VectorizerArgs {
    pub fn to_config(&self) -> Result<TfidfConfig> {
        let stop_words = match self.stop_words.as_str() {
            "english" => StopWords::English,
            "none" => StopWords::None,
            path => StopWords::from_lines(
                &std::fs::read_to_string(path)
                    .with_context(|| format!("--stop-words: cannot read the file {path}"))?,
            ),
        };
        let ngram_range = match self.ngram_range.split_once(',') {
            Some((a, b)) => match (a.trim().parse(), b.trim().parse()) {
                (Ok(a), Ok(b)) => (a, b),
                _ => bail!("--ngram-range: expected MIN,MAX such as 1,2, got {:?}", self.ngram_range),
            },
            None => bail!("--ngram-range: expected MIN,MAX such as 1,2, got {:?}", self.ngram_range),
        };
        let df = |flag: &str, s: &str| s.parse::<DfBound>().map_err(|e| anyhow::anyhow!("{flag}: {e}"));
        let config = TfidfConfig {
            analyzer: AnalyzerConfig { lowercase: !self.no_lowercase, stop_words, ngram_range },
            min_df: df("--min-df", &self.min_df)?,
            max_df: df("--max-df", &self.max_df)?,
            max_features: self.max_features,
            sublinear_tf: self.sublinear_tf,
            smooth_idf: !self.no_smooth_idf,
            ..Default::default()
        };
        config.validate()?;
        Ok(config)
    }
}

/// Learner and optimiser settings.
#[derive(Args, Debug)]
pub struct ModelArgs {
    /// Optimiser: batch (full-batch gradient descent), sgd (one sample a step), minibatch, adam.
    #[arg(long, default_value = "adam", value_parser = clap::value_parser!(Optimizer))]
    pub optimizer: Optimizer,
    /// Passes over the training data [default: adam 10, sgd and minibatch 20, batch 300].
    #[arg(long)]
    pub epochs: Option<usize>,
    /// Initial step size [default: adam 0.03, minibatch 2, sgd 0.2, batch 20].
    #[arg(long)]
    pub learning_rate: Option<f32>,
    /// Samples per step for minibatch and adam.
    #[arg(long, default_value_t = 32)]
    pub batch_size: usize,
    /// L2 penalty λ on the weights [default: 1 / number of training documents, i.e. C = 1].
    #[arg(long)]
    pub l2: Option<f64>,
    /// Seed for shuffling (and for --test-size).
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
}

impl ModelArgs {
    pub fn to_config(&self) -> TrainConfig {
        TrainConfig {
            optimizer: self.optimizer,
            epochs: self.epochs,
            learning_rate: self.learning_rate,
            batch_size: self.batch_size,
            l2: self.l2,
            seed: self.seed,
        }
    }
}

/// Report outputs.
#[derive(Args, Debug)]
pub struct OutputArgs {
    /// Write the report as JSON (scikit-learn's output_dict plus confusion matrix and timings).
    #[arg(long, value_name = "PATH")]
    pub report_json: Option<PathBuf>,
    /// Write a CSV with the true and predicted label of every test document.
    #[arg(long, value_name = "PATH")]
    pub predictions: Option<PathBuf>,
    /// Decimals in the printed report.
    #[arg(long, default_value_t = 2)]
    pub digits: usize,
}

#[derive(Args, Debug)]
pub struct TrainArgs {
    /// Training data: CSV, TSV or JSON Lines (gzip or not), or a directory of label folders.
    pub train: PathBuf,
    /// Test data (same forms as TRAIN).
    #[arg(long, conflicts_with = "test_size")]
    pub test: Option<PathBuf>,
    /// Hold out this fraction of TRAIN as a stratified, seeded test set.
    #[arg(long, value_name = "F")]
    pub test_size: Option<f64>,
    /// Write the trained model to this file (safetensors; see docs/model-format.md).
    #[arg(long, value_name = "MODEL")]
    pub out: Option<PathBuf>,
    /// Store the weights as int8 with one scale per class (about 4× smaller).
    #[arg(long, default_value = "none", value_name = "int8|none", value_parser = clap::value_parser!(WeightType))]
    pub quantize: WeightType,
    /// Drop features whose weights are all below T × the largest absolute weight (e.g. 0.01).
    #[arg(long, value_name = "T")]
    pub prune: Option<f32>,
    /// Print nothing on stderr.
    #[arg(long, short)]
    pub quiet: bool,
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub vectorizer: VectorizerArgs,
    #[command(flatten)]
    pub model: ModelArgs,
    #[command(flatten)]
    pub outputs: OutputArgs,
}

impl TrainArgs {
    pub fn seed(&self) -> u64 {
        self.model.seed
    }
}

#[derive(Args, Debug)]
pub struct EvalArgs {
    /// A model file written by `textclf train --out`.
    pub model: PathBuf,
    /// Labelled test data.
    pub test: PathBuf,
    /// Print nothing on stderr.
    #[arg(long, short)]
    pub quiet: bool,
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub outputs: OutputArgs,
}

#[derive(Args, Debug)]
pub struct PredictArgs {
    /// A model file written by `textclf train --out`.
    pub model: PathBuf,
    /// Texts to classify; without any, one text per line is read from stdin.
    pub texts: Vec<String>,
    /// Show the K most probable labels with their probabilities.
    #[arg(long, default_value_t = 1, value_name = "K")]
    pub top_k: usize,
    /// One JSON object per text: {"text", "labels": [{"label", "probability"}]}.
    #[arg(long)]
    pub json: bool,
    /// With --json: the N terms that pushed the top label most, for and against.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub explain: usize,
}

#[derive(Args, Debug)]
pub struct VectorizeArgs {
    /// Input data (labels are read but not written).
    pub train: PathBuf,
    /// Output .npz path; the vocabulary goes to the same path with extension .vocab.json.
    #[arg(long)]
    pub out: PathBuf,
    /// Print nothing on stderr.
    #[arg(long, short)]
    pub quiet: bool,
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub vectorizer: VectorizerArgs,
}
