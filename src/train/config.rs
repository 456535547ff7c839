//! Training settings: the optimiser, its defaults, and what an epoch reports.

use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// The optimisation algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Optimizer {
    /// Full-batch gradient descent: one step per epoch over all samples.
    Batch,
    /// Stochastic gradient descent: one step per sample.
    Sgd,
    /// Mini-batch gradient descent: one step per `batch_size` samples.
    Minibatch,
    /// Adam on mini-batches (Kingma & Ba, 2015), lazy on sparse features.
    Adam,
}

impl FromStr for Optimizer {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "batch" => Ok(Optimizer::Batch),
            "sgd" => Ok(Optimizer::Sgd),
            "minibatch" => Ok(Optimizer::Minibatch),
            "adam" => Ok(Optimizer::Adam),
            _ => Err(format!("unknown optimizer {s:?}; expected batch, sgd, minibatch or adam")),
        }
    }
}

impl Optimizer {
    /// The step size used when none is given.
    pub fn default_learning_rate(self) -> f32 {
        match self {
            Optimizer::Batch => 20.0,
            Optimizer::Sgd => 0.2,
            Optimizer::Minibatch => 2.0,
            Optimizer::Adam => 0.03,
        }
    }
    /// The number of epochs used when none is given.
    pub fn default_epochs(self) -> usize {
        match self {
            Optimizer::Batch => 300,
            Optimizer::Sgd | Optimizer::Minibatch => 20,
            Optimizer::Adam => 10,
        }
    }
}

/// Training settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainConfig {
    /// The algorithm.
    pub optimizer: Optimizer,
    /// Passes over the training data (`None`: the optimiser's default).
    pub epochs: Option<usize>,
    /// Initial step size (`None`: the optimiser's default).
    pub learning_rate: Option<f32>,
    /// Samples per step for `minibatch` and `adam`.
    pub batch_size: usize,
    /// L2 penalty λ (`None`: `1 / n_train`, i.e. scikit-learn's `C = 1`).
    pub l2: Option<f64>,
    /// Seed of the per-epoch shuffle.
    pub seed: u64,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            optimizer: Optimizer::Adam,
            epochs: None,
            learning_rate: None,
            batch_size: 32,
            l2: None,
            seed: 42,
        }
    }
}

impl TrainConfig {
    /// Epochs after defaults.
    pub fn resolved_epochs(&self) -> usize {
        self.epochs.unwrap_or_else(|| self.optimizer.default_epochs())
    }
    /// Step size after defaults.
    pub fn resolved_learning_rate(&self) -> f32 {
        self.learning_rate.unwrap_or_else(|| self.optimizer.default_learning_rate())
    }
    /// λ after defaults, for `n_train` samples.
    pub fn resolved_l2(&self, n_train: usize) -> f64 {
        self.l2.unwrap_or(1.0 / n_train.max(1) as f64)
    }
    /// Checks the settings.
    pub fn validate(&self) -> Result<()> {
        if self.resolved_epochs() == 0 {
            return Err(Error::param("--epochs", "must be at least 1"));
        }
        let lr = self.resolved_learning_rate();
        if !(lr.is_finite() && lr > 0.0) {
            return Err(Error::param("--learning-rate", format!("must be positive, got {lr}")));
        }
        if self.batch_size == 0 {
            return Err(Error::param("--batch-size", "must be at least 1"));
        }
        if let Some(l2) = self.l2 {
            if !(l2.is_finite() && l2 >= 0.0) {
                return Err(Error::param("--l2", format!("must be zero or positive, got {l2}")));
            }
        }
        Ok(())
    }
}

/// What one epoch did.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct EpochStats {
    /// 1-based epoch number.
    pub epoch: usize,
    /// Mean training loss over the epoch's steps (each batch's loss before its step),
    /// penalty included.
    pub train_loss: f64,
    /// Loss on the held-out set after the epoch, if one was given.
    pub valid_loss: Option<f64>,
}
