use super::*;
use crate::pipeline::{PipelineConfig, TextClassifier};
use crate::session::Session;
use crate::data::Dataset;

fn classifier() -> TextClassifier {
    let mut d = Dataset::default();
    for i in 0..30 {
        let noise = ["daily", "weekly", "news", "report"][i % 4];
        d.push("space".into(), format!("rocket orbit launch moon nasa {noise}"));
        d.push("food".into(), format!("bake bread oven butter recipe {noise}"));
        d.push("sport".into(), format!("goal team match score league {noise}"));
    }
    let mut s = Session::new();
    s.set_train(d);
    let mut config = PipelineConfig::default();
    config.vectorizer.analyzer.ngram_range = (1, 2);
    config.vectorizer.analyzer.stop_words = crate::text::StopWords::English;
    s.prepare(config, None, &mut |_| {}).unwrap();
    while !s.train_steps(1000).unwrap().done {}
    s.finish().unwrap().0
}

const TEXTS: [&str; 4] = ["the rocket reached orbit", "bake the bread", "a late goal won the match", "nothing known"];

fn probs(clf: &TextClassifier) -> Vec<Vec<f32>> {
    TEXTS
        .iter()
        .map(|t| {
            let mut p = clf.predict_proba(t, 3);
            p.sort_by(|a, b| a.label.cmp(&b.label));
            p.iter().map(|s| s.probability).collect()
        })
        .collect()
}

#[test]
fn f32_round_trip_is_exact() {
    let clf = classifier();
    let bytes = save(&clf, serde_json::json!({"accuracy": 1.0}), &SaveOptions::default()).unwrap();
    let (back, summary) = load_with_summary(&bytes).unwrap();
    assert_eq!(probs(&back), probs(&clf));
    assert_eq!(back.vectorizer.terms(), clf.vectorizer.terms());
    assert_eq!(back.config, clf.config);
    assert_eq!(summary["accuracy"], 1.0);
    // Deterministic bytes, and readable by the reference safetensors implementation.
    assert!(bytes == save(&clf, serde_json::json!({"accuracy": 1.0}), &SaveOptions::default()).unwrap());
    let st = safetensors::SafeTensors::deserialize(&bytes).unwrap();
    let mut names = st.names();
    names.sort();
    assert_eq!(names, ["idf", "softmax.bias", "softmax.weight"]);
    let (_, header) = safetensors::SafeTensors::read_metadata(&bytes).unwrap();
    let vocab: Vec<String> = serde_json::from_str(&header.metadata().as_ref().unwrap()["vocabulary"]).unwrap();
    assert_eq!(vocab, clf.vectorizer.terms());
}

#[test]
fn int8_is_smaller_and_close() {
    let clf = classifier();
    let f = save(&clf, serde_json::Value::Null, &SaveOptions::default()).unwrap();
    let q = save(&clf, serde_json::Value::Null, &SaveOptions { weights: WeightType::Int8 }).unwrap();
    assert!(q.len() < f.len());
    let back = load(&q).unwrap();
    for (a, b) in probs(&back).iter().flatten().zip(probs(&clf).iter().flatten()) {
        assert!((a - b).abs() < 0.02, "{a} vs {b}");
    }
    let st = safetensors::SafeTensors::deserialize(&q).unwrap();
    assert_eq!(st.tensor("softmax.weight").unwrap().dtype(), safetensors::Dtype::I8);
}

#[test]
fn pruning_drops_features_and_keeps_predictions() {
    let clf = classifier();
    let pruned = prune(&clf, 0.2).unwrap();
    assert!(pruned.vectorizer.n_features() < clf.vectorizer.n_features());
    let top = |c: &TextClassifier| TEXTS[..3].iter().map(|t| c.predict_proba(t, 1)[0].label.clone()).collect::<Vec<_>>();
    assert_eq!(top(&pruned), top(&clf));
    assert!(prune(&clf, 2.0).is_err(), "pruning everything is refused");
    assert!(prune(&clf, f32::NAN).is_err());
}

/// Rewrites a saved file's header with `edit` (metadata and tensor entries as JSON).
fn edit_header(bytes: &[u8], edit: impl FnOnce(&mut serde_json::Map<String, serde_json::Value>)) -> Vec<u8> {
    let n = u64::from_le_bytes(bytes[..8].try_into().unwrap()) as usize;
    let mut header: serde_json::Map<String, serde_json::Value> = serde_json::from_slice(&bytes[8..8 + n]).unwrap();
    edit(&mut header);
    let mut head = serde_json::to_vec(&header).unwrap();
    while head.len() % 8 != 0 {
        head.push(b' ');
    }
    let mut out = (head.len() as u64).to_le_bytes().to_vec();
    out.extend_from_slice(&head);
    out.extend_from_slice(&bytes[8 + n..]);
    out
}

fn error_of(bytes: &[u8]) -> String {
    load(bytes).err().expect("must fail").to_string()
}

#[test]
fn damaged_files_give_clear_errors() {
    let clf = classifier();
    let good = save(&clf, serde_json::Value::Null, &SaveOptions::default()).unwrap();
    // Newer major version.
    let newer = edit_header(&good, |h| h["__metadata__"]["format_version"] = "2.0".into());
    assert!(error_of(&newer).contains("newer than this textclf reads"), "{}", error_of(&newer));
    // Truncated anywhere.
    for cut in [0, 4, 8, 100, good.len() / 2, good.len() - 1] {
        assert!(error_of(&good[..cut]).starts_with("model file:"), "cut at {cut}");
    }
    // A corrupted header byte.
    let mut junk = good.clone();
    junk[12] = b'\xff';
    assert!(error_of(&junk).starts_with("model file:"));
    // A header that declares an absurd size: refused without allocating it.
    let mut absurd = good.clone();
    absurd[..8].copy_from_slice(&(u64::MAX / 2).to_le_bytes());
    assert!(error_of(&absurd).contains("not a readable safetensors file"));
    let huge_tensor = edit_header(&good, |h| h["idf"]["shape"] = serde_json::json!([usize::MAX / 2]));
    assert!(error_of(&huge_tensor).contains("not a readable safetensors file"));
    // Shapes that disagree with the metadata.
    let more_features = edit_header(&good, |h| {
        let m = h["__metadata__"]["model"].as_str().unwrap().replace("\"n_features\":", "\"n_features\":1");
        h["__metadata__"]["model"] = m.into();
    });
    assert!(error_of(&more_features).contains("disagrees"), "{}", error_of(&more_features));
    let wrong_labels = edit_header(&good, |h| h["__metadata__"]["labels"] = "[\"a\",\"b\"]".into());
    assert!(error_of(&wrong_labels).contains("disagrees"));
    // Not a textclf file, no metadata, missing tensor.
    let other = edit_header(&good, |h| h["__metadata__"]["format"] = "pytorch".into());
    assert!(error_of(&other).contains("not \"textclf\""));
    let bare = edit_header(&good, |h| {
        h.remove("__metadata__");
    });
    assert!(error_of(&bare).contains("__metadata__"));
    // NaN weights.
    let st = safetensors::SafeTensors::deserialize(&good).unwrap();
    let w = st.tensor("softmax.weight").unwrap();
    let start = good.len() - w.data().len(); // the weights are written last
    let mut nan = good.clone();
    nan[start..start + 4].copy_from_slice(&f32::NAN.to_le_bytes());
    assert!(error_of(&nan).contains("non-finite"), "{}", error_of(&nan));
}
