// The report section: accuracy, the classification report table, the charts, top terms per
// class and the misclassified test documents.
import { h, $, replace, fixed, percent, count, duration } from '../dom.js';
import { confusionMatrix, lossChart } from './charts.js';

const SHOWN_MISTAKES = 50;

function classificationTable(report) {
  const labels = report.labels;
  const row = (name, r, cls) =>
    h('tr', { class: cls },
      h('th', { scope: 'row' }, name),
      h('td', { class: 'num' }, fixed(r.precision)),
      h('td', { class: 'num' }, fixed(r.recall)),
      h('td', { class: 'num' }, fixed(r['f1-score'])),
      h('td', { class: 'num' }, count(r.support)));
  const n = report['macro avg'] ? report['macro avg'].support : report.n_test;
  return h('table', { class: 'report' },
    h('caption', {}, 'Classification report (on the test documents)'),
    h('thead', {}, h('tr', {}, ['label', 'precision', 'recall', 'f1-score', 'support'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {},
      labels.map((l) => row(l, report[l])),
      h('tr', { class: 'summary' }, h('th', { scope: 'row' }, 'accuracy'), h('td'), h('td'),
        h('td', { class: 'num' }, fixed(report.accuracy)), h('td', { class: 'num' }, count(n))),
      row('macro avg', report['macro avg'], 'summary'),
      row('weighted avg', report['weighted avg'], 'summary')));
}

function topTerms(top) {
  return Object.entries(top).map(([label, terms]) =>
    h('div', { class: 'terms' },
      h('h4', {}, label),
      h('ol', {}, terms.map((t) => h('li', {}, h('span', { class: 'term' }, t.term), ' ', h('span', { class: 'weight' }, fixed(t.weight, 2)))))));
}

function mistakes(list, nTest) {
  if (!list.length) return [h('p', {}, 'None: every test document was classified correctly.')];
  const items = (from, to) => list.slice(from, to).map((m) =>
    h('li', {},
      h('details', {},
        h('summary', {}, `Document ${m.index + 1}: true `, h('strong', {}, m.true), ', predicted ', h('strong', {}, m.predicted), ` (${percent(m.probability)})`),
        h('p', { class: 'doc-text' }, m.text))));
  const ol = h('ol', { class: 'mistakes' }, items(0, SHOWN_MISTAKES));
  const out = [h('p', { class: 'hint' }, `The ${list.length < 200 ? list.length : 'first 200'} misclassified of ${count(nTest)} test documents, most confident mistakes first. Open one to read it.`), ol];
  if (list.length > SHOWN_MISTAKES) {
    const more = h('button', { type: 'button' }, `Show all ${list.length}`);
    more.addEventListener('click', () => {
      ol.append(...items(SHOWN_MISTAKES, list.length));
      more.remove();
    });
    out.push(more);
  }
  return out;
}

/** Shows a training run's report; `meta` = {trainName, testName, elapsedMs}. */
export function renderReport(report, meta) {
  const section = $('#report-section');
  section.hidden = false;
  const acc = $('#accuracy');
  acc.dataset.accuracy = String(report.accuracy);
  const correct = report.confusion_matrix.reduce((a, row, i) => a + row[i], 0);
  replace(acc, 'Accuracy: ', h('strong', {}, fixed(report.accuracy)), ` (${percent(report.accuracy, 2)}) — ${count(correct)} of ${count(report.n_test)} test documents right`);
  const t = report.timings_ms || {};
  $('#report-meta').textContent =
    `Trained on ${count(report.n_train)} documents${meta.trainName ? ` of ${meta.trainName}` : ''}, ` +
    `tested on ${count(report.n_test)}${meta.testName ? ` of ${meta.testName}` : ' held out'}; ${count(report.n_features)} features. ` +
    `Time: reading ${duration(t.read)}, vectorizing ${duration(t.vectorize)}, training ${duration(t.train)}, evaluating ${duration(t.predict)}` +
    (meta.elapsedMs ? `; ${duration(meta.elapsedMs)} in all.` : '.');
  replace($('#report-table'), classificationTable(report));
  replace($('#confusion'), confusionMatrix(report.labels, report.confusion_matrix));
  const curve = report.loss_curve || [];
  if (curve.length) replace($('#loss'), lossChart(curve));
  else replace($('#loss'), h('figcaption', {}, 'Loss per epoch'), h('p', {}, 'Training was stopped before the first epoch ended.'));
  replace($('#top-terms'), topTerms(report.top_terms || {}));
  replace($('#misclassified'), mistakes(report.misclassified || [], report.n_test));
}

export function hideReport() {
  $('#report-section').hidden = true;
}
