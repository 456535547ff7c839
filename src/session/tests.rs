use super::*;

fn data(n: usize) -> Dataset {
    let mut d = Dataset::default();
    for i in 0..n {
        d.push("space".into(), format!("rocket orbit launch {i} moon"));
        d.push("food".into(), format!("bake bread oven {i} butter"));
    }
    d
}

#[test]
fn prepare_train_in_slices_and_finish() {
    let mut s = Session::new();
    assert!(s.train_steps(1).is_err());
    s.set_train(data(20));
    let mut config = PipelineConfig::default();
    config.train.epochs = Some(3);
    let prep = s.prepare(config, Some(0.25), &mut |_| {}).unwrap();
    assert_eq!((prep.n_train, prep.n_test, prep.epochs), (30, 10, 3));
    let mut epochs = 0;
    loop {
        let p = s.train_steps(2).unwrap();
        if let Some(st) = p.stats {
            assert!(st.valid_loss.is_some());
            epochs += 1;
        }
        assert!((0.0..=1.0).contains(&p.fraction));
        if p.done {
            break;
        }
    }
    assert_eq!((epochs, s.history().len()), (3, 3));
    let (clf, eval) = s.finish().unwrap();
    let eval = eval.unwrap();
    assert_eq!(eval.report.accuracy(), 1.0);
    assert!(eval.mistakes.is_empty());
    assert_eq!(eval.predicted.len(), 10);
    let top = top_terms(&clf, 3);
    assert_eq!(top[1].0, "space");
    assert!(top[1].1.iter().all(|t| ["rocket", "orbit", "launch", "moon"].contains(&t.term.as_str())));
}

#[test]
fn mistakes_are_listed_most_confident_first() {
    let mut s = Session::new();
    s.set_train(data(10));
    let mut test = Dataset::default();
    test.push("food".into(), "rocket orbit moon".into());
    test.push("space".into(), "rocket launch".into());
    test.push("unknown".into(), "bread oven".into());
    s.set_test(Some(test));
    s.prepare(PipelineConfig::default(), None, &mut |_| {}).unwrap();
    while !s.train_steps(100).unwrap().done {}
    let (_, eval) = s.finish().unwrap();
    let eval = eval.unwrap();
    assert_eq!(eval.mistakes.len(), 2);
    assert_eq!(eval.mistakes[0].predicted, "space");
    assert_eq!(eval.report.labels(), ["food", "space", "unknown"]);
}
