//! Golden tests: every expected string and number below was produced by scikit-learn 1.9.1
//! (`/tmp/probe-venv/bin/python`), never by this crate. The generating script:
//!
//! ```python
//! import json, numpy as np
//! from sklearn.metrics import classification_report as cr, confusion_matrix as cm
//!
//! def lit(s):  # a Rust string literal
//!     return json.dumps(s, ensure_ascii=False)
//!
//! def case(fn, y_true, y_pred, names, digits_list, y_expr=None):
//!     present = sorted(set(y_true) | set(y_pred))
//!     tn = [names[i] for i in present]
//!     out = [f"#[test]\nfn {fn}() {{"]
//!     if y_expr:
//!         out.append(f"    let (y_true, y_pred) = ({y_expr});")
//!     else:
//!         out.append(f"    let y_true = {list(y_true)};\n    let y_pred = {list(y_pred)};")
//!     out.append(f"    let names = names(&[{', '.join(lit(n) for n in names)}]);")
//!     out.append("    let report = evaluate(&y_true, &y_pred, &names).unwrap();")
//!     for d in digits_list:
//!         out.append(f"    assert_text(&report, {d}, {lit(cr(y_true, y_pred, target_names=tn, digits=d))});")
//!     out.append(f"    assert_json(&report, {lit(json.dumps(cr(y_true, y_pred, target_names=tn, output_dict=True), separators=(',', ':'), ensure_ascii=False))});")
//!     m = cm(y_true, y_pred).tolist()
//!     if len(m) <= 5:
//!         out.append(f"    assert_eq!(report.confusion_matrix(), {m});")
//!     else:
//!         out.append(f"    assert_eq!(report.confusion_matrix()[{len(m)-1}], {m[-1]});")
//!         out.append(f"    assert_eq!(report.confusion_json().to_string(), {lit(json.dumps(m, separators=(',', ':')))});")
//!     out.append(f"    assert_eq!(report.labels(), [{', '.join(lit(n) for n in tn)}]);")
//!     out.append("}\n")
//!     print("\n".join(out))
//!
//! case("three_classes_one_never_predicted", [0,1,2,2,2,0,1], [0,0,1,1,0,0,1], ["ant","bee","cat"], [2,4])
//! case("name_widths_and_digits", [0,1,2,3,4,4,2,1,0,3,3], [0,2,2,3,4,1,2,1,4,3,0],
//!      ["a","medium name","a very long class name indeed","café","zz"], [3,0,1])
//! case("predicted_label_absent_from_truth", [0,2,3,3,0,2,2], [0,4,3,2,0,2,4], ["one","two","three","four","five"], [2])
//! case("single_label", [1,1,1], [1,1,1], ["neg","pos"], [2])
//! case("names_colliding_with_report_keys", [0,1,1,2], [0,1,0,2], ["accuracy","b","b"], [2])
//! rng = np.random.default_rng(42)
//! yt = rng.integers(0, 20, 500)
//! yp = np.where(rng.random(500) < 0.6, yt, rng.integers(0, 20, 500))
//! case("twenty_classes_random", list(map(int, yt)), list(map(int, yp)), [f"class_{i:02d}" for i in range(20)], [2,4],
//!      y_expr="Y_TRUE_20, Y_PRED_20")
//! ```
//!
//! Each `case(...)` printed one test function below.

use super::tests_data::{Y_PRED_20, Y_TRUE_20};
use super::*;
use crate::Error;

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn assert_text(report: &Report, digits: usize, expected: &str) {
    let got = report.to_text(digits);
    assert_eq!(
        got, expected,
        "digits = {digits}\ngot:\n{got}\nexpected:\n{expected}"
    );
}

/// Compares both the serialisation (Python's `json.dumps(..., separators=(",", ":"))`) and the
/// parsed values, bit for bit.
fn assert_json(report: &Report, expected: &str) {
    let got = report.to_json();
    assert_eq!(serde_json::to_string(&got).unwrap(), expected);
    let parsed: serde_json::Value = serde_json::from_str(expected).unwrap();
    assert_eq!(got, parsed);
}

#[test]
fn three_classes_one_never_predicted() {
    let y_true = [0, 1, 2, 2, 2, 0, 1];
    let y_pred = [0, 0, 1, 1, 0, 0, 1];
    let names = names(&["ant", "bee", "cat"]);
    let report = evaluate(&y_true, &y_pred, &names).unwrap();
    assert_text(&report, 2, "              precision    recall  f1-score   support\n\n         ant       0.50      1.00      0.67         2\n         bee       0.33      0.50      0.40         2\n         cat       0.00      0.00      0.00         3\n\n    accuracy                           0.43         7\n   macro avg       0.28      0.50      0.36         7\nweighted avg       0.24      0.43      0.30         7\n");
    assert_text(&report, 4, "              precision    recall  f1-score   support\n\n         ant     0.5000    1.0000    0.6667         2\n         bee     0.3333    0.5000    0.4000         2\n         cat     0.0000    0.0000    0.0000         3\n\n    accuracy                         0.4286         7\n   macro avg     0.2778    0.5000    0.3556         7\nweighted avg     0.2381    0.4286    0.3048         7\n");
    assert_json(&report, "{\"ant\":{\"precision\":0.5,\"recall\":1.0,\"f1-score\":0.6666666666666666,\"support\":2.0},\"bee\":{\"precision\":0.3333333333333333,\"recall\":0.5,\"f1-score\":0.4,\"support\":2.0},\"cat\":{\"precision\":0.0,\"recall\":0.0,\"f1-score\":0.0,\"support\":3.0},\"accuracy\":0.42857142857142855,\"macro avg\":{\"precision\":0.27777777777777773,\"recall\":0.5,\"f1-score\":0.35555555555555557,\"support\":7.0},\"weighted avg\":{\"precision\":0.23809523809523808,\"recall\":0.42857142857142855,\"f1-score\":0.30476190476190473,\"support\":7.0}}");
    assert_eq!(report.confusion_matrix(), [[2, 0, 0], [1, 1, 0], [1, 2, 0]]);
    assert_eq!(report.labels(), ["ant", "bee", "cat"]);
}

#[test]
fn name_widths_and_digits() {
    let y_true = [0, 1, 2, 3, 4, 4, 2, 1, 0, 3, 3];
    let y_pred = [0, 2, 2, 3, 4, 1, 2, 1, 4, 3, 0];
    let names = names(&[
        "a",
        "medium name",
        "a very long class name indeed",
        "café",
        "zz",
    ]);
    let report = evaluate(&y_true, &y_pred, &names).unwrap();
    assert_text(&report, 3, "                               precision    recall  f1-score   support\n\n                            a      0.500     0.500     0.500         2\n                  medium name      0.500     0.500     0.500         2\na very long class name indeed      0.667     1.000     0.800         2\n                         café      1.000     0.667     0.800         3\n                           zz      0.500     0.500     0.500         2\n\n                     accuracy                          0.636        11\n                    macro avg      0.633     0.633     0.620        11\n                 weighted avg      0.667     0.636     0.636        11\n");
    assert_text(&report, 0, "                               precision    recall  f1-score   support\n\n                            a          0         0         0         2\n                  medium name          0         0         0         2\na very long class name indeed          1         1         1         2\n                         café          1         1         1         3\n                           zz          0         0         0         2\n\n                     accuracy                              1        11\n                    macro avg          1         1         1        11\n                 weighted avg          1         1         1        11\n");
    assert_text(&report, 1, "                               precision    recall  f1-score   support\n\n                            a        0.5       0.5       0.5         2\n                  medium name        0.5       0.5       0.5         2\na very long class name indeed        0.7       1.0       0.8         2\n                         café        1.0       0.7       0.8         3\n                           zz        0.5       0.5       0.5         2\n\n                     accuracy                            0.6        11\n                    macro avg        0.6       0.6       0.6        11\n                 weighted avg        0.7       0.6       0.6        11\n");
    assert_json(&report, "{\"a\":{\"precision\":0.5,\"recall\":0.5,\"f1-score\":0.5,\"support\":2.0},\"medium name\":{\"precision\":0.5,\"recall\":0.5,\"f1-score\":0.5,\"support\":2.0},\"a very long class name indeed\":{\"precision\":0.6666666666666666,\"recall\":1.0,\"f1-score\":0.8,\"support\":2.0},\"café\":{\"precision\":1.0,\"recall\":0.6666666666666666,\"f1-score\":0.8,\"support\":3.0},\"zz\":{\"precision\":0.5,\"recall\":0.5,\"f1-score\":0.5,\"support\":2.0},\"accuracy\":0.6363636363636364,\"macro avg\":{\"precision\":0.6333333333333333,\"recall\":0.6333333333333333,\"f1-score\":0.62,\"support\":11.0},\"weighted avg\":{\"precision\":0.6666666666666666,\"recall\":0.6363636363636364,\"f1-score\":0.6363636363636364,\"support\":11.0}}");
    assert_eq!(
        report.confusion_matrix(),
        [
            [1, 0, 0, 0, 1],
            [0, 1, 1, 0, 0],
            [0, 0, 2, 0, 0],
            [1, 0, 0, 2, 0],
            [0, 1, 0, 0, 1]
        ]
    );
    assert_eq!(
        report.labels(),
        [
            "a",
            "medium name",
            "a very long class name indeed",
            "café",
            "zz"
        ]
    );
}

#[test]
fn predicted_label_absent_from_truth() {
    let y_true = [0, 2, 3, 3, 0, 2, 2];
    let y_pred = [0, 4, 3, 2, 0, 2, 4];
    let names = names(&["one", "two", "three", "four", "five"]);
    let report = evaluate(&y_true, &y_pred, &names).unwrap();
    assert_text(&report, 2, "              precision    recall  f1-score   support\n\n         one       1.00      1.00      1.00         2\n       three       0.50      0.33      0.40         3\n        four       1.00      0.50      0.67         2\n        five       0.00      0.00      0.00         0\n\n    accuracy                           0.57         7\n   macro avg       0.62      0.46      0.52         7\nweighted avg       0.79      0.57      0.65         7\n");
    assert_json(&report, "{\"one\":{\"precision\":1.0,\"recall\":1.0,\"f1-score\":1.0,\"support\":2.0},\"three\":{\"precision\":0.5,\"recall\":0.3333333333333333,\"f1-score\":0.4,\"support\":3.0},\"four\":{\"precision\":1.0,\"recall\":0.5,\"f1-score\":0.6666666666666666,\"support\":2.0},\"five\":{\"precision\":0.0,\"recall\":0.0,\"f1-score\":0.0,\"support\":0.0},\"accuracy\":0.5714285714285714,\"macro avg\":{\"precision\":0.625,\"recall\":0.4583333333333333,\"f1-score\":0.5166666666666666,\"support\":7.0},\"weighted avg\":{\"precision\":0.7857142857142857,\"recall\":0.5714285714285714,\"f1-score\":0.6476190476190476,\"support\":7.0}}");
    assert_eq!(
        report.confusion_matrix(),
        [[2, 0, 0, 0], [0, 1, 0, 2], [0, 1, 1, 0], [0, 0, 0, 0]]
    );
    assert_eq!(report.labels(), ["one", "three", "four", "five"]);
}

#[test]
fn single_label() {
    let y_true = [1, 1, 1];
    let y_pred = [1, 1, 1];
    let names = names(&["neg", "pos"]);
    let report = evaluate(&y_true, &y_pred, &names).unwrap();
    assert_text(&report, 2, "              precision    recall  f1-score   support\n\n         pos       1.00      1.00      1.00         3\n\n    accuracy                           1.00         3\n   macro avg       1.00      1.00      1.00         3\nweighted avg       1.00      1.00      1.00         3\n");
    assert_json(&report, "{\"pos\":{\"precision\":1.0,\"recall\":1.0,\"f1-score\":1.0,\"support\":3.0},\"accuracy\":1.0,\"macro avg\":{\"precision\":1.0,\"recall\":1.0,\"f1-score\":1.0,\"support\":3.0},\"weighted avg\":{\"precision\":1.0,\"recall\":1.0,\"f1-score\":1.0,\"support\":3.0}}");
    assert_eq!(report.confusion_matrix(), [[3]]);
    assert_eq!(report.labels(), ["pos"]);
}

#[test]
fn names_colliding_with_report_keys() {
    let y_true = [0, 1, 1, 2];
    let y_pred = [0, 1, 0, 2];
    let names = names(&["accuracy", "b", "b"]);
    let report = evaluate(&y_true, &y_pred, &names).unwrap();
    assert_text(&report, 2, "              precision    recall  f1-score   support\n\n    accuracy       0.50      1.00      0.67         1\n           b       1.00      0.50      0.67         2\n           b       1.00      1.00      1.00         1\n\n    accuracy                           0.75         4\n   macro avg       0.83      0.83      0.78         4\nweighted avg       0.88      0.75      0.75         4\n");
    assert_json(&report, "{\"accuracy\":0.75,\"b\":{\"precision\":1.0,\"recall\":1.0,\"f1-score\":1.0,\"support\":1.0},\"macro avg\":{\"precision\":0.8333333333333334,\"recall\":0.8333333333333334,\"f1-score\":0.7777777777777777,\"support\":4.0},\"weighted avg\":{\"precision\":0.875,\"recall\":0.75,\"f1-score\":0.75,\"support\":4.0}}");
    assert_eq!(report.confusion_matrix(), [[1, 0, 0], [1, 1, 0], [0, 0, 1]]);
    assert_eq!(report.labels(), ["accuracy", "b", "b"]);
}

#[test]
fn twenty_classes_random() {
    let (y_true, y_pred) = (Y_TRUE_20, Y_PRED_20);
    let names = names(&[
        "class_00", "class_01", "class_02", "class_03", "class_04", "class_05", "class_06",
        "class_07", "class_08", "class_09", "class_10", "class_11", "class_12", "class_13",
        "class_14", "class_15", "class_16", "class_17", "class_18", "class_19",
    ]);
    let report = evaluate(&y_true, &y_pred, &names).unwrap();
    assert_text(&report, 2, "              precision    recall  f1-score   support\n\n    class_00       0.62      0.65      0.64        23\n    class_01       0.63      0.50      0.56        24\n    class_02       0.58      0.60      0.59        30\n    class_03       0.58      0.50      0.54        28\n    class_04       0.48      0.59      0.53        17\n    class_05       0.47      0.56      0.51        27\n    class_06       0.55      0.59      0.57        27\n    class_07       0.62      0.94      0.75        16\n    class_08       0.59      0.58      0.58        33\n    class_09       0.63      0.55      0.59        31\n    class_10       0.57      0.73      0.64        22\n    class_11       0.72      0.75      0.73        24\n    class_12       0.57      0.68      0.62        19\n    class_13       0.69      0.64      0.67        28\n    class_14       0.71      0.65      0.68        26\n    class_15       0.66      0.58      0.61        33\n    class_16       0.71      0.68      0.69        25\n    class_17       0.50      0.50      0.50        18\n    class_18       0.79      0.62      0.70        24\n    class_19       0.67      0.56      0.61        25\n\n    accuracy                           0.61       500\n   macro avg       0.62      0.62      0.62       500\nweighted avg       0.62      0.61      0.61       500\n");
    assert_text(&report, 4, "              precision    recall  f1-score   support\n\n    class_00     0.6250    0.6522    0.6383        23\n    class_01     0.6316    0.5000    0.5581        24\n    class_02     0.5806    0.6000    0.5902        30\n    class_03     0.5833    0.5000    0.5385        28\n    class_04     0.4762    0.5882    0.5263        17\n    class_05     0.4688    0.5556    0.5085        27\n    class_06     0.5517    0.5926    0.5714        27\n    class_07     0.6250    0.9375    0.7500        16\n    class_08     0.5938    0.5758    0.5846        33\n    class_09     0.6296    0.5484    0.5862        31\n    class_10     0.5714    0.7273    0.6400        22\n    class_11     0.7200    0.7500    0.7347        24\n    class_12     0.5652    0.6842    0.6190        19\n    class_13     0.6923    0.6429    0.6667        28\n    class_14     0.7083    0.6538    0.6800        26\n    class_15     0.6552    0.5758    0.6129        33\n    class_16     0.7083    0.6800    0.6939        25\n    class_17     0.5000    0.5000    0.5000        18\n    class_18     0.7895    0.6250    0.6977        24\n    class_19     0.6667    0.5600    0.6087        25\n\n    accuracy                         0.6140       500\n   macro avg     0.6171    0.6225    0.6153       500\nweighted avg     0.6208    0.6140    0.6136       500\n");
    assert_json(&report, "{\"class_00\":{\"precision\":0.625,\"recall\":0.6521739130434783,\"f1-score\":0.6382978723404256,\"support\":23.0},\"class_01\":{\"precision\":0.631578947368421,\"recall\":0.5,\"f1-score\":0.5581395348837209,\"support\":24.0},\"class_02\":{\"precision\":0.5806451612903226,\"recall\":0.6,\"f1-score\":0.5901639344262295,\"support\":30.0},\"class_03\":{\"precision\":0.5833333333333334,\"recall\":0.5,\"f1-score\":0.5384615384615384,\"support\":28.0},\"class_04\":{\"precision\":0.47619047619047616,\"recall\":0.5882352941176471,\"f1-score\":0.5263157894736842,\"support\":17.0},\"class_05\":{\"precision\":0.46875,\"recall\":0.5555555555555556,\"f1-score\":0.5084745762711864,\"support\":27.0},\"class_06\":{\"precision\":0.5517241379310345,\"recall\":0.5925925925925926,\"f1-score\":0.5714285714285714,\"support\":27.0},\"class_07\":{\"precision\":0.625,\"recall\":0.9375,\"f1-score\":0.75,\"support\":16.0},\"class_08\":{\"precision\":0.59375,\"recall\":0.5757575757575758,\"f1-score\":0.5846153846153846,\"support\":33.0},\"class_09\":{\"precision\":0.6296296296296297,\"recall\":0.5483870967741935,\"f1-score\":0.5862068965517241,\"support\":31.0},\"class_10\":{\"precision\":0.5714285714285714,\"recall\":0.7272727272727273,\"f1-score\":0.64,\"support\":22.0},\"class_11\":{\"precision\":0.72,\"recall\":0.75,\"f1-score\":0.7346938775510204,\"support\":24.0},\"class_12\":{\"precision\":0.5652173913043478,\"recall\":0.6842105263157895,\"f1-score\":0.6190476190476191,\"support\":19.0},\"class_13\":{\"precision\":0.6923076923076923,\"recall\":0.6428571428571429,\"f1-score\":0.6666666666666666,\"support\":28.0},\"class_14\":{\"precision\":0.7083333333333334,\"recall\":0.6538461538461539,\"f1-score\":0.68,\"support\":26.0},\"class_15\":{\"precision\":0.6551724137931034,\"recall\":0.5757575757575758,\"f1-score\":0.6129032258064516,\"support\":33.0},\"class_16\":{\"precision\":0.7083333333333334,\"recall\":0.68,\"f1-score\":0.6938775510204082,\"support\":25.0},\"class_17\":{\"precision\":0.5,\"recall\":0.5,\"f1-score\":0.5,\"support\":18.0},\"class_18\":{\"precision\":0.7894736842105263,\"recall\":0.625,\"f1-score\":0.6976744186046512,\"support\":24.0},\"class_19\":{\"precision\":0.6666666666666666,\"recall\":0.56,\"f1-score\":0.6086956521739131,\"support\":25.0},\"accuracy\":0.614,\"macro avg\":{\"precision\":0.6171267386060395,\"recall\":0.6224573076945216,\"f1-score\":0.6152831554661597,\"support\":500.0},\"weighted avg\":{\"precision\":0.6207615807609957,\"recall\":0.614,\"f1-score\":0.6135661259457695,\"support\":500.0}}");
    assert_eq!(
        report.confusion_matrix()[19],
        [0, 0, 1, 0, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 1, 1, 0, 1, 0, 14]
    );
    assert_eq!(report.confusion_json().to_string(), "[[15,0,0,0,0,1,1,1,0,1,0,0,1,0,1,1,1,0,0,0],[0,12,0,0,1,0,1,1,0,1,2,1,1,2,0,0,0,0,1,1],[0,0,18,0,0,0,1,0,1,1,2,0,2,1,0,2,0,0,0,2],[1,0,0,14,1,0,0,1,3,1,2,0,1,1,0,1,1,0,1,0],[0,0,1,0,10,0,0,0,0,0,0,0,0,1,0,1,1,2,1,0],[2,0,1,1,1,15,1,0,0,3,0,0,0,0,1,1,0,1,0,0],[1,2,0,1,0,2,16,0,0,2,2,0,0,0,1,0,0,0,0,0],[0,0,0,0,0,0,0,15,0,0,0,0,1,0,0,0,0,0,0,0],[0,0,1,2,0,4,0,1,19,0,0,2,1,1,0,0,1,0,1,0],[1,0,1,0,0,0,5,0,1,17,0,0,0,1,0,1,0,1,0,3],[2,1,0,0,0,0,0,1,2,0,16,0,0,0,0,0,0,0,0,0],[0,0,1,1,0,0,0,0,1,0,0,18,0,0,1,0,0,2,0,0],[0,0,1,1,1,0,0,0,1,0,1,0,13,1,0,0,0,0,0,0],[0,0,2,0,1,0,0,0,0,1,1,1,1,18,1,2,0,0,0,0],[0,1,2,1,3,0,1,0,0,0,0,0,0,0,17,0,1,0,0,0],[1,1,1,1,1,4,0,0,0,0,1,0,1,0,0,19,1,1,0,1],[1,0,1,0,0,0,2,1,2,0,0,1,0,0,0,0,17,0,0,0],[0,1,0,0,1,2,0,2,1,0,0,0,0,0,1,0,1,9,0,0],[0,1,0,2,0,3,0,0,0,0,1,1,0,0,0,0,0,1,15,0],[0,0,1,0,1,1,1,1,1,0,0,1,1,0,1,1,0,1,0,14]]");
    assert_eq!(
        report.labels(),
        [
            "class_00", "class_01", "class_02", "class_03", "class_04", "class_05", "class_06",
            "class_07", "class_08", "class_09", "class_10", "class_11", "class_12", "class_13",
            "class_14", "class_15", "class_16", "class_17", "class_18", "class_19"
        ]
    );
}

/// 150 names, 138 of them occurring (more than NumPy's 128-element block, so its pairwise sum
/// splits recursively; a left-to-right sum gets the last bits of macro precision and
/// weighted F1 wrong). Golden values:
///
/// ```python
/// import json
/// from sklearn.metrics import classification_report as cr
/// yt = [(i * i + 7 * i + i // 3) % 150 for i in range(3000)]
/// yp = [t if (i * 7) % 10 < 6 else (i * 13 + 5) % 150 for i, t in enumerate(yt)]
/// d = cr(yt, yp, output_dict=True)
/// print(json.dumps({k: d[k] for k in ["accuracy", "macro avg", "weighted avg"]}))
/// ```
#[test]
fn many_classes_average_like_numpy() {
    let y_true: Vec<u32> = (0..3000u32)
        .map(|i| (i * i + 7 * i + i / 3) % 150)
        .collect();
    let y_pred: Vec<u32> = y_true
        .iter()
        .enumerate()
        .map(|(i, &t)| {
            if (i * 7) % 10 < 6 {
                t
            } else {
                ((i * 13 + 5) % 150) as u32
            }
        })
        .collect();
    let names: Vec<String> = (0..150).map(|i| format!("{i}")).collect();
    let report = evaluate(&y_true, &y_pred, &names).unwrap();
    assert_eq!(report.labels().len(), 138);
    let expect = |got: f64, want: f64| assert_eq!(got.to_bits(), want.to_bits(), "{got} vs {want}");
    expect(report.accuracy(), 0.6043333333333333);
    let m = report.macro_avg();
    expect(m.precision, 0.6920461224702487);
    expect(m.recall, 0.5606341917438895);
    expect(m.f1, 0.575635369204633);
    let w = report.weighted_avg();
    expect(w.precision, 0.7763622197337885);
    expect(w.recall, 0.6043333333333333);
    expect(w.f1, 0.6392261387943363);
    assert_eq!(
        (m.support, w.support, report.n_samples()),
        (3000, 3000, 3000)
    );
}

#[test]
fn accessors_agree() {
    let report = evaluate(&[0, 1, 2, 2, 2], &[0, 0, 2, 2, 1], &names(&["x", "y", "z"])).unwrap();
    assert_eq!(report.correct(), 3);
    assert_eq!(report.accuracy(), 0.6);
    assert_eq!(report.support(), [1, 1, 3]);
    assert_eq!(report.precision(), [0.5, 0.0, 1.0]);
    assert_eq!(report.recall()[2], 2.0 / 3.0);
    assert_eq!(report.f1()[1], 0.0);
    assert_eq!(report.label_indices(), [0, 1, 2]);
    assert_eq!(report.labels_json().to_string(), r#"["x","y","z"]"#);
    let serialized = serde_json::to_value(&report).unwrap();
    assert_eq!(serialized["confusion"][0], serde_json::json!([1, 0, 0]));
}

#[test]
fn invalid_inputs_are_errors() {
    let n = names(&["a", "b"]);
    for (y_true, y_pred, names, needle) in [
        (&[0u32, 1][..], &[0u32][..], &n[..], "same length"),
        (&[][..], &[][..], &n[..], "no samples"),
        (&[0, 2][..], &[0, 1][..], &n[..], "out of range"),
        (&[0, 1][..], &[0, 5][..], &n[..], "out of range"),
        (&[0][..], &[0][..], &[][..], "out of range"),
        (&[u32::MAX][..], &[0][..], &n[..], "out of range"),
    ] {
        match evaluate(y_true, y_pred, names) {
            Err(e @ Error::InvalidParameter { .. }) => {
                assert!(e.to_string().contains(needle), "{e} lacks {needle:?}")
            }
            other => panic!("expected InvalidParameter for {y_true:?} / {y_pred:?}, got {other:?}"),
        }
    }
}
