//! Tests that run in a real browser: headless Chromium through chromedriver when built for
//! wasm32 and run by `wasm-bindgen-test-runner` (see `scripts/test.sh`), and as plain tests
//! natively. They exercise the public kernels (SIMD128 twins against the scalar reference
//! when built with `+simd128`) and a whole training run through the library on the bundled
//! demo data, so a browser-only miscompilation or trap would show here.

use textclf::data::{read_any_bytes, ReadOptions};
use textclf::features::CsrMatrix;
use textclf::kernels::{self, scalar};
use textclf::options::Options;
use textclf::rng::Rng;
use textclf::session::Session;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn vec(rng: &mut Rng, n: usize, lo: f32, hi: f32) -> Vec<f32> {
    (0..n).map(|_| lo + (hi - lo) * rng.next_f64() as f32).collect()
}

#[track_caller]
fn assert_close(what: &str, got: &[f32], want: &[f32]) {
    assert_eq!(got.len(), want.len());
    for (k, (a, b)) in got.iter().zip(want).enumerate() {
        assert!((a - b).abs() <= 1e-5 * b.abs() + 1e-35, "{what} (n = {}), element {k}: {a} vs scalar {b}", got.len());
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn the_simd_flag_matches_the_build() {
    assert_eq!(kernels::SIMD128, cfg!(all(target_arch = "wasm32", target_feature = "simd128")));
}

#[wasm_bindgen_test(unsupported = test)]
fn kernels_agree_with_scalar_in_the_browser() {
    let mut rng = Rng::new(11);
    for n in 1..=67 {
        let x = vec(&mut rng, n, -3.0, 3.0);
        let (mut y, mut want) = (vec(&mut rng, n, -3.0, 3.0), Vec::new());
        want.extend_from_slice(&y);
        kernels::axpy(0.7, &x, &mut y);
        scalar::axpy(0.7, &x, &mut want);
        assert_close("axpy", &y, &want);

        let (mut p, mut q) = (x.clone(), x.clone());
        let (lp, lq) = (kernels::softmax(&mut p), scalar::softmax(&mut q));
        assert_close("softmax", &p, &q);
        assert!((lp - lq).abs() <= 1e-5 * lq.abs().max(1.0));

        let nf = 30;
        let w = vec(&mut rng, nf * n, -1.0, 1.0);
        let b = vec(&mut rng, n, -1.0, 1.0);
        let mut m = CsrMatrix::new(nf);
        m.push_row((0..nf as u32).filter(|j| (j * 7 + n as u32) % 3 == 0).map(|j| (j, 0.1 * j as f32)));
        let (mut s, mut t) = (vec![0.0; n], vec![0.0; n]);
        kernels::sparse_scores(m.row(0), &w, &b, 0.5, &mut s);
        scalar::sparse_scores(m.row(0), &w, &b, 0.5, &mut t);
        assert_close("sparse_scores", &s, &t);

        let (g, m0, v0) = (vec(&mut rng, n, -1.0, 1.0), vec(&mut rng, n, -0.1, 0.1), vec(&mut rng, n, 0.0, 0.1));
        let (mut w1, mut m1, mut v1) = (x.clone(), m0.clone(), v0.clone());
        let (mut w2, mut m2, mut v2) = (x.clone(), m0, v0);
        kernels::adam_row(&g, &mut w1, &mut m1, &mut v1, 0.5, 1e-4, 0.03, 0.9, 0.999, 1e-8);
        scalar::adam_row(&g, &mut w2, &mut m2, &mut v2, 0.5, 1e-4, 0.03, 0.9, 0.999, 1e-8);
        assert_close("adam_row", &w1, &w2);
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn a_whole_training_run_in_the_browser() {
    let bytes = include_bytes!("../examples/demo.csv");
    let (data, _) = read_any_bytes("demo.csv", bytes, &ReadOptions::default()).expect("read demo.csv");
    let n_docs = data.len();
    let mut session = Session::new();
    session.set_train(data);
    let options = Options { test_size: Some(0.25), ..Options::default() };
    let prepared = session.prepare(options.to_config().expect("config"), options.test_size, &mut |_| {}).expect("prepare");
    assert_eq!(prepared.n_train + prepared.n_test, n_docs);
    assert!(prepared.n_features > 10);
    let mut slices = 0;
    while !session.train_steps(3).expect("train").done {
        slices += 1;
        assert!(slices < 100_000, "training never finishes");
    }
    let history = session.history();
    assert_eq!(history.len(), prepared.epochs);
    let (first, last) = (history[0].train_loss, history[history.len() - 1].train_loss);
    assert!(last.is_finite() && last < first, "training loss went from {first} to {last}");
    let (clf, eval) = session.finish().expect("finish");
    let report = eval.expect("a test split was asked for").report;
    assert!(report.accuracy() > 0.5, "accuracy {}", report.accuracy());
    let top = clf.predict_proba("the striker scored a goal in the match", 3);
    let total: f32 = top.iter().map(|s| s.probability).sum();
    assert!((total - 1.0).abs() < 1e-5, "probabilities sum to {total}");
}
