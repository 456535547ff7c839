use super::*;
use crate::features::{TfidfConfig, TfidfVectorizer};
use crate::model::Classifier;

const DOCS: [&str; 12] = [
    "the cat sat on the mat", "a cat and a kitten", "kitten purrs on mat", "cat food for the cat",
    "the dog barked loudly", "a dog and a puppy", "puppy chews the bone", "dog food for the dog",
    "stocks fell on monday", "the market rallied", "investors sold stocks",
    "market news for investors",
];
const Y: [u32; 12] = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2];

fn data() -> CsrMatrix {
    TfidfVectorizer::fit_transform(TfidfConfig::default(), &DOCS, &mut |_| {}).unwrap().1
}

fn fit(config: TrainConfig, x: &CsrMatrix) -> (SoftmaxRegression, Vec<EpochStats>) {
    let mut t = Trainer::new(config, x.clone(), Y.to_vec(), 3, None).unwrap();
    let mut stats = Vec::new();
    while !t.is_done() {
        stats.push(t.epoch().unwrap());
    }
    (t.model().unwrap(), stats)
}

// scikit-learn 1.9.1 golden values:
//   X = TfidfVectorizer().fit_transform(DOCS)
//   clf = LogisticRegression(C=10.0, tol=1e-12, max_iter=100000).fit(X, Y)
//   clf.predict_proba(X)[:4], clf.coef_[:, :5].T
const P: [[f64; 3]; 4] = [
    [0.876187, 0.060755, 0.063057],
    [0.895758, 0.0561, 0.048142],
    [0.869907, 0.051551, 0.078542],
    [0.855888, 0.078729, 0.065383],
];
const W: [[f64; 3]; 5] = [
    [0.321556, 0.244828, -0.566385],
    [-0.326407, 0.699218, -0.372811],
    [-0.394234, 0.833575, -0.43934],
    [2.115324, -1.125514, -0.98981],
    [-0.394234, 0.833575, -0.43934],
];

fn assert_matches_scikit_learn(model: &SoftmaxRegression, x: &CsrMatrix, tol: f64) {
    let mut p = [0.0f32; 3];
    for (r, want) in P.iter().enumerate() {
        model.probabilities(x.row(r), &mut p);
        for k in 0..3 {
            assert!((p[k] as f64 - want[k]).abs() < tol, "row {r}: {p:?} vs {want:?}");
        }
    }
    for (j, want) in W.iter().enumerate() {
        for k in 0..3 {
            let got = model.weights()[[j, k]] as f64;
            assert!((got - want[k]).abs() < 10.0 * tol, "w[{j},{k}] {got} vs {}", want[k]);
        }
    }
}

#[test]
fn every_optimizer_reaches_scikit_learns_optimum() {
    let x = data();
    let l2 = Some(1.0 / (10.0 * 12.0)); // C = 10
    let cases = [
        (Optimizer::Batch, 3000, 5.0, 12),
        (Optimizer::Minibatch, 3000, 2.0, 4),
        (Optimizer::Sgd, 3000, 1.0, 1),
        (Optimizer::Adam, 1500, 0.05, 4),
    ];
    for (optimizer, epochs, lr, batch_size) in cases {
        let config = TrainConfig {
            optimizer,
            epochs: Some(epochs),
            learning_rate: Some(lr),
            batch_size,
            l2,
            seed: 7,
        };
        let (model, stats) = fit(config, &x);
        assert!(stats.last().unwrap().train_loss < stats[0].train_loss, "{optimizer:?}");
        let tol = if optimizer == Optimizer::Batch { 1e-3 } else { 2e-2 };
        assert_matches_scikit_learn(&model, &x, tol);
    }
}

#[test]
fn same_seed_same_weights_bit_for_bit() {
    let x = data();
    for optimizer in [Optimizer::Sgd, Optimizer::Minibatch, Optimizer::Adam] {
        let c = TrainConfig { optimizer, epochs: Some(5), batch_size: 3, ..Default::default() };
        let a = fit(c.clone(), &x).0;
        let b = fit(c.clone(), &x).0;
        assert_eq!(a, b);
        let d = fit(TrainConfig { seed: 8, ..c }, &x).0;
        assert_ne!(a, d, "{optimizer:?}: the seed must matter");
    }
}

#[test]
fn advance_in_small_steps_equals_whole_epochs() {
    let x = data();
    let c = TrainConfig { epochs: Some(3), batch_size: 2, ..Default::default() };
    let whole = fit(c.clone(), &x);
    let mut t = Trainer::new(c, x.clone(), Y.to_vec(), 3, Some((x.clone(), Y.to_vec()))).unwrap();
    let mut stats = Vec::new();
    while !t.is_done() {
        if let Some(s) = t.advance(1).unwrap() {
            assert!(s.valid_loss.is_some());
            stats.push(s);
        }
    }
    assert_eq!(t.model().unwrap(), whole.0);
    assert_eq!(stats.len(), 3);
    assert_eq!(stats[2].train_loss, whole.1[2].train_loss);
}

#[test]
fn bad_settings_and_data_are_errors() {
    let x = data();
    let bad = |c: TrainConfig| Trainer::new(c, x.clone(), Y.to_vec(), 3, None).err().unwrap().to_string();
    assert!(bad(TrainConfig { epochs: Some(0), ..Default::default() }).contains("--epochs"));
    assert!(bad(TrainConfig { learning_rate: Some(-1.0), ..Default::default() })
        .contains("--learning-rate"));
    assert!(bad(TrainConfig { batch_size: 0, ..Default::default() }).contains("--batch-size"));
    assert!(bad(TrainConfig { l2: Some(f64::NAN), ..Default::default() }).contains("--l2"));
    let one_class = Trainer::new(TrainConfig::default(), x.clone(), Y.to_vec(), 1, None).err().unwrap();
    assert!(one_class.to_string().contains("at least 2"), "{one_class}");
    assert!(Trainer::new(TrainConfig::default(), x.clone(), Y[..3].to_vec(), 3, None).is_err());
    // An absurd step size on unnormalised features overflows: reported, not hidden.
    let mut raw = CsrMatrix::new(2);
    raw.push_row([(0, 4.0)]);
    raw.push_row([(1, 4.0)]);
    let huge = TrainConfig {
        optimizer: Optimizer::Batch,
        learning_rate: Some(f32::MAX),
        epochs: Some(5),
        l2: Some(0.0),
        ..Default::default()
    };
    let mut t = Trainer::new(huge, raw, vec![0, 1], 2, None).unwrap();
    let diverged = (0..5).find_map(|_| t.epoch().err()).expect("divergence is detected");
    assert!(diverged.to_string().contains("diverged"), "{diverged}");
}

#[test]
fn optimizer_names_parse() {
    assert_eq!("adam".parse::<Optimizer>(), Ok(Optimizer::Adam));
    assert_eq!("batch".parse::<Optimizer>(), Ok(Optimizer::Batch));
    assert!("lbfgs".parse::<Optimizer>().unwrap_err().contains("expected"));
}
