//! Training softmax regression with the textbook optimisers, driven epoch by epoch.
//!
//! The objective is the mean cross-entropy plus an L2 penalty on the weights (not the biases):
//! `L(W, b) = (1/n) Σ_i -log softmax(x_i W + b)[y_i] + (λ/2) ‖W‖²` — scikit-learn's
//! `LogisticRegression(C)` objective divided by `n`, with `λ = 1 / (C n)`.
//!
//! Every optimiser touches only the features present in a batch, so an epoch costs
//! O(nnz × classes):
//! - `batch`, `sgd`, `minibatch` keep `W = s · V`: the L2 shrinkage of a step is the scalar
//!   `s ← s (1 − ηλ)`, and the data gradient updates only the touched rows of `V` — exact,
//!   not an approximation. The step size of `sgd` and `minibatch` decays as
//!   `η_t = η₀ / (1 + η₀ λ t)` (Bottou); `batch` uses a constant step.
//! - `adam` is lazy Adam: moments and weights of a feature move only in steps whose batch
//!   contains it ("lazy L2"). So that rare features are not under-regularised, the L2
//!   gradient added then is `k λ W_j`, with `k` the number of steps since the feature was last
//!   touched: over an epoch each feature receives the penalty of every step, and the fixed point
//!   is the optimum of the objective above.
//!
//! The trainer renumbers the features internally, most frequent first, so that the parameter
//! blocks of the features met in nearly every batch sit together in cache (an epoch over a
//! large vocabulary is bound by memory latency); the model it returns is in the original order.
//!
//! Training is deterministic given the seed: the only randomness is the per-epoch shuffle.
//! The caller drives it ([`Trainer::advance`] or [`Trainer::epoch`]) so it can show progress,
//! time the work, and cancel between calls.

mod config;

pub use config::{EpochStats, Optimizer, TrainConfig};

use crate::features::CsrMatrix;
use crate::kernels;
use crate::model::SoftmaxRegression;
use crate::rng::Rng;
use crate::{Error, Result};
use ndarray::{Array1, Array2};

const NO_SLOT: u32 = u32::MAX;
/// Bookkeeping words in each feature block, after the weights: the gradient slot and the
/// last Adam step.
const META: usize = 2;
const SLOT: usize = 0;
const LAST: usize = 1;
const BETA1: f32 = 0.9;
const BETA2: f32 = 0.999;
const EPS: f32 = 1e-8;

/// A training run in progress.
pub struct Trainer {
    config: TrainConfig,
    x: CsrMatrix,
    y: Vec<u32>,
    valid: Option<(CsrMatrix, Vec<u32>)>,
    /// Internal number of each original feature (most frequent features first).
    new_index: Vec<u32>,
    n_classes: usize,
    lr0: f32,
    l2: f64,
    batch: usize,
    // One block of `stride` numbers per feature: V (weights, W = s · V), two bookkeeping
    // words (the feature's gradient slot in this batch and, for Adam, the step it was last
    // updated at, stored as f32 bit patterns), and for Adam the two moments — interleaved so
    // that everything a step needs of a feature shares cache lines (an epoch over a large
    // vocabulary is bound by memory latency, not arithmetic).
    p: Vec<f32>,
    stride: usize,
    s: f64,
    b: Vec<f32>,
    gb: Vec<f32>,
    // The gradient of a batch, one compact row per feature the batch touches (small enough to
    // stay in cache): the block's slot word is feature j's row, `touched_list[k]` the feature
    // of row k.
    gbuf: Vec<f32>,
    touched_list: Vec<u32>,
    // Adam moments of the biases.
    mb: Vec<f32>,
    m2b: Vec<f32>,
    steps: u64,
    // Epoch state.
    rng: Rng,
    order: Vec<usize>,
    cursor: usize,
    epoch: usize,
    loss_sum: f64,
    scratch: Vec<f32>,
}

impl Trainer {
    /// Starts training on `x` (rows) with labels `y` in `0..n_classes`; `valid` is an optional
    /// held-out set whose loss is reported after every epoch.
    pub fn new(
        config: TrainConfig,
        mut x: CsrMatrix,
        y: Vec<u32>,
        n_classes: usize,
        mut valid: Option<(CsrMatrix, Vec<u32>)>,
    ) -> Result<Self> {
        config.validate()?;
        if x.n_rows() != y.len() {
            return Err(Error::Fit(format!("{} rows but {} labels", x.n_rows(), y.len())));
        }
        if x.n_rows() == 0 {
            return Err(Error::Fit("no training samples".into()));
        }
        if n_classes < 2 {
            return Err(Error::Fit(format!(
                "the training data has {n_classes} class; at least 2 are needed"
            )));
        }
        if let Some(&bad) = y.iter().find(|&&c| c as usize >= n_classes) {
            return Err(Error::Fit(format!("label index {bad} out of range 0..{n_classes}")));
        }
        let (f, c) = (x.n_cols(), n_classes);
        let batch = match config.optimizer {
            Optimizer::Batch => x.n_rows(),
            Optimizer::Sgd => 1,
            Optimizer::Minibatch | Optimizer::Adam => config.batch_size.min(x.n_rows()),
        };
        let adam = config.optimizer == Optimizer::Adam;
        let stride = if adam { 3 * c + META } else { c + META };
        let order = (0..x.n_rows()).collect();
        let total_steps = config.resolved_epochs() as u64 * x.n_rows().div_ceil(batch) as u64;
        if total_steps >= u32::MAX as u64 {
            return Err(Error::param("--epochs", format!("{total_steps} optimisation steps are more than supported")));
        }
        if valid.as_ref().is_some_and(|(vx, vy)| vx.n_cols() != f || vx.n_rows() != vy.len()) {
            return Err(Error::Fit("the held-out set does not match the training matrix".into()));
        }
        let new_index = frequency_order(&x);
        x.permute_columns(&new_index);
        if let Some((vx, _)) = valid.as_mut() {
            vx.permute_columns(&new_index);
        }
        Ok(Trainer {
            lr0: config.resolved_learning_rate(),
            l2: config.resolved_l2(x.n_rows()),
            rng: Rng::new(config.seed ^ 0x7EC7_C1F0_5EED_0001),
            config,
            x,
            y,
            valid,
            new_index,
            n_classes,
            batch,
            p: {
                let mut p = vec![0.0; f * stride];
                p.chunks_exact_mut(stride).for_each(|b| b[c + SLOT] = f32::from_bits(NO_SLOT));
                p
            },
            stride,
            s: 1.0,
            b: vec![0.0; c],
            gb: vec![0.0; c],
            gbuf: Vec::new(),
            touched_list: Vec::new(),
            mb: vec![0.0; if adam { c } else { 0 }],
            m2b: vec![0.0; if adam { c } else { 0 }],
            steps: 0,
            order,
            cursor: 0,
            epoch: 0,
            loss_sum: 0.0,
            scratch: vec![0.0; c],
        })
    }

    /// Number of epochs the configuration asks for.
    pub fn total_epochs(&self) -> usize {
        self.config.resolved_epochs()
    }
    /// Epochs completed so far.
    pub fn epochs_done(&self) -> usize {
        self.epoch
    }
    /// Whether all configured epochs are done.
    pub fn is_done(&self) -> bool {
        self.epoch >= self.total_epochs()
    }
    /// Fraction of the current epoch done, in `[0, 1)`.
    pub fn epoch_fraction(&self) -> f64 {
        self.cursor as f64 / self.order.len() as f64
    }

    /// Runs at most `max_steps` optimisation steps; returns the epoch's statistics if an epoch
    /// ended within them (at most one epoch per call).
    pub fn advance(&mut self, max_steps: usize) -> Result<Option<EpochStats>> {
        if self.is_done() {
            return Ok(None);
        }
        if self.cursor == 0 && self.config.optimizer != Optimizer::Batch {
            self.rng.shuffle(&mut self.order);
        }
        for _ in 0..max_steps {
            let end = (self.cursor + self.batch).min(self.order.len());
            self.step(self.cursor, end);
            self.cursor = end;
            if self.cursor == self.order.len() {
                return self.end_epoch().map(Some);
            }
        }
        Ok(None)
    }

    /// Runs the rest of the current epoch.
    pub fn epoch(&mut self) -> Result<EpochStats> {
        loop {
            if let Some(stats) = self.advance(usize::MAX)? {
                return Ok(stats);
            }
            if self.is_done() {
                return Err(Error::Fit("all epochs are done".into()));
            }
        }
    }

    fn end_epoch(&mut self) -> Result<EpochStats> {
        self.cursor = 0;
        self.epoch += 1;
        let n = self.order.len() as f64;
        let c = self.n_classes;
        let w2: f64 = self.p.chunks_exact(self.stride).map(|b| kernels::sum_squares(&b[..c])).sum();
        let penalty = 0.5 * self.l2 * self.s * self.s * w2;
        let train_loss = self.loss_sum / n + penalty;
        self.loss_sum = 0.0;
        if !train_loss.is_finite() {
            return Err(Error::Fit(format!(
                "the loss diverged at epoch {} (learning rate {} is too large)",
                self.epoch, self.lr0
            )));
        }
        let valid_loss = match self.valid.take() {
            Some((vx, vy)) => {
                let loss = self.mean_loss(&vx, &vy) + penalty;
                self.valid = Some((vx, vy));
                Some(loss)
            }
            None => None,
        };
        Ok(EpochStats { epoch: self.epoch, train_loss, valid_loss })
    }

    fn mean_loss(&mut self, x: &CsrMatrix, y: &[u32]) -> f64 {
        let mut sum = 0.0;
        for (r, &label) in y.iter().enumerate() {
            kernels::sparse_scores_strided(x.row(r), &self.p, self.stride, &self.b, self.s as f32, &mut self.scratch);
            let target = self.scratch[label as usize];
            sum += (kernels::softmax(&mut self.scratch) - target) as f64;
        }
        sum / y.len().max(1) as f64
    }

    /// One optimisation step over `order[from..to]`.
    fn step(&mut self, from: usize, to: usize) {
        let c = self.n_classes;
        let s = self.s as f32;
        self.gb.fill(0.0);
        for k in from..to {
            let i = self.order[k];
            let row = self.x.row(i);
            let p = &mut self.scratch;
            kernels::sparse_scores_strided(row, &self.p, self.stride, &self.b, s, p);
            let label = self.y[i] as usize;
            let target = p[label];
            self.loss_sum += (kernels::softmax(p) - target) as f64;
            p[label] -= 1.0; // now the gradient of the loss w.r.t. the scores
            for (j, val) in row.iter() {
                let slot = &mut self.p[j * self.stride + c + SLOT];
                let mut k = slot.to_bits();
                if k == NO_SLOT {
                    k = self.touched_list.len() as u32;
                    *slot = f32::from_bits(k);
                    self.touched_list.push(j as u32);
                    if self.gbuf.len() < (k as usize + 1) * c {
                        self.gbuf.resize((k as usize + 1) * c, 0.0);
                    }
                }
                let g0 = k as usize * c;
                kernels::axpy(val, p, &mut self.gbuf[g0..g0 + c]);
            }
            kernels::axpy(1.0, p, &mut self.gb);
        }
        let inv_b = 1.0 / (to - from) as f32;
        self.steps += 1;
        match self.config.optimizer {
            Optimizer::Adam => self.adam_update(inv_b),
            _ => self.sgd_update(inv_b),
        }
        for &j in &self.touched_list {
            self.p[j as usize * self.stride + c + SLOT] = f32::from_bits(NO_SLOT);
        }
        self.gbuf[..self.touched_list.len() * c].fill(0.0);
        self.touched_list.clear();
    }

    fn sgd_update(&mut self, inv_b: f32) {
        let c = self.n_classes;
        let lr = match self.config.optimizer {
            Optimizer::Batch => self.lr0 as f64,
            _ => self.lr0 as f64 / (1.0 + self.lr0 as f64 * self.l2 * (self.steps - 1) as f64),
        };
        // W ← (1 − ηλ) W − η G / B, with W = s V.
        let decay = 1.0 - lr * self.l2;
        if decay <= 0.0 {
            // A step that would flip the weights' sign: fall back to zeroing them.
            self.p.chunks_exact_mut(self.stride).for_each(|b| b[..c].fill(0.0));
            self.s = 1.0;
        } else {
            self.s *= decay;
        }
        let a = -(lr as f32) * inv_b / self.s as f32;
        for (k, &j) in self.touched_list.iter().enumerate() {
            let j = j as usize;
            let v = &mut self.p[j * self.stride..j * self.stride + c];
            kernels::axpy(a, &self.gbuf[k * c..(k + 1) * c], v);
        }
        kernels::axpy(-(lr as f32) * inv_b, &self.gb, &mut self.b);
        if self.s < 1e-6 {
            let s = self.s as f32;
            self.p.chunks_exact_mut(self.stride).for_each(|b| kernels::scale(s, &mut b[..c]));
            self.s = 1.0;
        }
    }

    fn adam_update(&mut self, inv_b: f32) {
        let c = self.n_classes;
        let t = self.steps as i32;
        // Linear decay of the step size to zero over the run, so that the last epochs settle
        // into the optimum instead of hovering around it with the mini-batch noise.
        let total = (self.total_epochs() * self.order.len().div_ceil(self.batch)) as f32;
        let decay = (1.0 - (self.steps - 1) as f32 / total).max(0.0);
        let lr = decay * self.lr0 * (1.0 - BETA2.powi(t)).sqrt() / (1.0 - BETA1.powi(t));
        let now = self.steps as u32; // fewer than 2^32 steps: checked in `new`
        for (k, &j) in self.touched_list.iter().enumerate() {
            let j = j as usize;
            let block = &mut self.p[j * self.stride..(j + 1) * self.stride];
            let (v, rest) = block.split_at_mut(c);
            let (meta, rest) = rest.split_at_mut(META);
            let l2 = (self.l2 * now.wrapping_sub(meta[LAST].to_bits()) as f64) as f32;
            meta[LAST] = f32::from_bits(now);
            let (m, m2) = rest.split_at_mut(c);
            let g = &self.gbuf[k * c..(k + 1) * c];
            kernels::adam_row(g, v, m, m2, inv_b, l2, lr, BETA1, BETA2, EPS);
        }
        for k in 0..c {
            let grad = self.gb[k] * inv_b;
            self.mb[k] = BETA1 * self.mb[k] + (1.0 - BETA1) * grad;
            self.m2b[k] = BETA2 * self.m2b[k] + (1.0 - BETA2) * grad * grad;
            self.b[k] -= lr * self.mb[k] / (self.m2b[k].sqrt() + EPS);
        }
    }

    /// The model as it stands now (an error if training diverged to non-finite weights).
    pub fn model(&self) -> Result<SoftmaxRegression> {
        let s = self.s as f32;
        let c = self.n_classes;
        let mut w = vec![0.0f32; self.x.n_cols() * c];
        for (j, &n) in self.new_index.iter().enumerate() {
            let block = &self.p[n as usize * self.stride..][..c];
            for (o, v) in w[j * c..(j + 1) * c].iter_mut().zip(block) {
                *o = v * s;
            }
        }
        let w = Array2::from_shape_vec((self.x.n_cols(), self.n_classes), w).expect("shape");
        SoftmaxRegression::new(w, Array1::from(self.b.clone()))
            .map_err(|_| Error::Fit("training diverged: the weights are not finite".into()))
    }
}

/// The internal number of each feature: features sorted by how many rows contain them (most
/// first; ties by original number).
fn frequency_order(x: &CsrMatrix) -> Vec<u32> {
    let mut count = vec![0u32; x.n_cols()];
    for &j in x.indices() {
        count[j as usize] += 1;
    }
    let mut by_freq: Vec<u32> = (0..x.n_cols() as u32).collect();
    by_freq.sort_unstable_by(|&a, &b| count[b as usize].cmp(&count[a as usize]).then(a.cmp(&b)));
    let mut new_index = vec![0u32; x.n_cols()];
    for (n, &j) in by_freq.iter().enumerate() {
        new_index[j as usize] = n as u32;
    }
    new_index
}

#[cfg(test)]
mod tests;
