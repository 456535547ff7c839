//! Model files written by earlier versions keep loading and predicting the same.
//!
//! `tests/fixtures/model-1.0.safetensors` was written by textclf 0.1.0 (format 1.0) with
//! `textclf train examples/demo.csv --test-size 0.25 --ngram-range 1,2 --out ...`; the
//! probabilities below were printed by that version (`textclf predict --json`).

use textclf::format;

const FIXTURE: &[u8] = include_bytes!("fixtures/model-1.0.safetensors");

#[test]
fn format_1_0_fixture_loads_and_predicts_as_when_written() {
    let (clf, summary) = format::load_with_summary(FIXTURE).expect("the 1.0 fixture loads");
    assert_eq!(clf.labels.names(), ["cooking", "space", "sports"]);
    assert_eq!(clf.config.vectorizer.analyzer.ngram_range, (1, 2));
    assert!(summary["accuracy"].as_f64().is_some());
    let cases = [
        ("the rocket reached orbit", "space", 0.44242188),
        ("simmer the sauce with garlic", "cooking", 0.48120263),
        ("the striker scored in the final minute", "sports", 0.54582816),
    ];
    for (text, label, p) in cases {
        let top = &clf.predict_proba(text, 1)[0];
        assert_eq!(top.label, label, "{text}");
        assert!((top.probability - p).abs() < 1e-5, "{text}: {} vs {p}", top.probability);
    }
}
