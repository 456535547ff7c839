// SVG charts of the report: the confusion matrix as a heat map and the loss per epoch. Each
// comes with a text alternative (an aria description and a table in a <details>).
import { h, s, fixed } from '../dom.js';

const shorten = (label, max) => (label.length > max ? label.slice(0, max - 1) + '…' : label);

/** A confusion matrix heat map (rows: true label, columns: predicted), shaded by row share. */
export function confusionMatrix(labels, matrix) {
  const n = labels.length;
  const cell = n <= 8 ? 44 : n <= 14 ? 32 : 26;
  const maxChars = 26;
  const longest = Math.min(maxChars, Math.max(...labels.map((l) => l.length)));
  const left = 12 + longest * 6.6;
  const top = 12 + longest * 6.6 * 0.72;
  const width = left + n * cell + 8;
  const height = top + n * cell + 8;
  const fontSize = cell >= 40 ? 12 : cell >= 32 ? 10 : 9;
  const total = matrix.flat().reduce((a, b) => a + b, 0);
  const correct = matrix.reduce((a, row, i) => a + row[i], 0);
  const titleId = 'cm-title';
  const descId = 'cm-desc';
  const svg = s(
    'svg',
    { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-labelledby': `${titleId} ${descId}`, class: 'confusion' },
    s('title', { id: titleId }, 'Confusion matrix'),
    s('desc', { id: descId }, `Rows are true labels, columns predicted labels; ${correct} of ${total} test documents are on the diagonal (correct). The table below lists every cell.`),
  );
  labels.forEach((label, i) => {
    svg.append(
      s('text', { x: left - 6, y: top + i * cell + cell / 2, 'text-anchor': 'end', 'dominant-baseline': 'middle', class: 'axis-label' }, s('title', {}, label), shorten(label, maxChars)),
    );
    const cx = left + i * cell + cell / 2;
    svg.append(
      s('text', { x: cx, y: top - 6, transform: `rotate(-45 ${cx} ${top - 6})`, class: 'axis-label' }, s('title', {}, label), shorten(label, maxChars)),
    );
  });
  matrix.forEach((row, i) => {
    const rowSum = row.reduce((a, b) => a + b, 0) || 1;
    row.forEach((v, j) => {
      const share = v / rowSum;
      const diag = i === j;
      const fill = diag ? `rgba(22, 110, 60, ${0.08 + 0.92 * share})` : `rgba(190, 50, 40, ${v ? 0.08 + 0.92 * share : 0})`;
      const dark = share > 0.55;
      svg.append(
        s('rect', { x: left + j * cell, y: top + i * cell, width: cell - 1, height: cell - 1, fill, class: 'cell' },
          s('title', {}, `true ${labels[i]}, predicted ${labels[j]}: ${v} (${(100 * share).toFixed(1)}% of ${labels[i]})`)),
      );
      if (v) {
        svg.append(
          s('text', { x: left + j * cell + cell / 2, y: top + i * cell + cell / 2, 'text-anchor': 'middle', 'dominant-baseline': 'middle', 'font-size': fontSize, fill: dark ? '#fff' : '#222', 'aria-hidden': 'true' }, String(v)),
        );
      }
    });
  });
  const table = h(
    'table',
    { class: 'matrix-table' },
    h('caption', {}, 'Confusion matrix: rows are true labels, columns predicted labels'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'true \\ predicted'), labels.map((l) => h('th', { scope: 'col' }, l)))),
    h('tbody', {}, matrix.map((row, i) => h('tr', {}, h('th', { scope: 'row' }, labels[i]), row.map((v) => h('td', { class: 'num' }, v))))),
  );
  return [
    h('figcaption', {}, 'Confusion matrix (rows: true label, columns: predicted; shade: share of the row)'),
    h('div', { class: 'chart-scroll' }, svg),
    h('details', {}, h('summary', {}, 'Confusion matrix as a table'), h('div', { class: 'table-wrap' }, table)),
  ];
}

function niceTicks(lo, hi, n = 5) {
  if (!(hi > lo)) return [lo];
  const step0 = (hi - lo) / n;
  const mag = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((st) => st >= step0) || step0;
  const ticks = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-12; t += step) ticks.push(+t.toFixed(10));
  return ticks;
}

/** Loss per epoch, training and held-out, as an SVG line chart. */
export function lossChart(curve) {
  const W = 480;
  const H = 260;
  const m = { l: 52, r: 16, t: 16, b: 40 };
  const train = curve.map((c) => [c.epoch, c.train_loss]);
  const valid = curve.filter((c) => c.valid_loss !== null && c.valid_loss !== undefined).map((c) => [c.epoch, c.valid_loss]);
  const ys = [...train, ...valid].map((p) => p[1]);
  const yMin = Math.min(0, ...ys);
  const yMax = Math.max(...ys) * 1.05 || 1;
  const xMax = Math.max(1, ...curve.map((c) => c.epoch));
  const x = (e) => m.l + (xMax === 1 ? 0.5 : (e - 1) / (xMax - 1)) * (W - m.l - m.r);
  const y = (v) => H - m.b - ((v - yMin) / (yMax - yMin)) * (H - m.t - m.b);
  const desc = `Training loss from ${fixed(train[0]?.[1], 3)} at epoch 1 to ${fixed(train.at(-1)?.[1], 3)} at epoch ${xMax}` +
    (valid.length ? `; held-out loss from ${fixed(valid[0][1], 3)} to ${fixed(valid.at(-1)[1], 3)}, lowest ${fixed(Math.min(...valid.map((p) => p[1])), 3)}.` : '.');
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-labelledby': 'loss-title loss-desc', class: 'loss-chart' },
    s('title', { id: 'loss-title' }, 'Loss per epoch'),
    s('desc', { id: 'loss-desc' }, desc));
  for (const t of niceTicks(yMin, yMax)) {
    svg.append(s('line', { x1: m.l, x2: W - m.r, y1: y(t), y2: y(t), class: 'grid' }));
    svg.append(s('text', { x: m.l - 6, y: y(t), 'text-anchor': 'end', 'dominant-baseline': 'middle', class: 'tick' }, String(t)));
  }
  const xTicks = niceTicks(1, xMax, Math.min(10, xMax)).filter((t) => Number.isInteger(t));
  for (const t of xTicks) {
    svg.append(s('text', { x: x(t), y: H - m.b + 16, 'text-anchor': 'middle', class: 'tick' }, String(t)));
  }
  svg.append(s('text', { x: (m.l + W - m.r) / 2, y: H - 6, 'text-anchor': 'middle', class: 'axis-title' }, 'epoch'));
  svg.append(s('line', { x1: m.l, x2: m.l, y1: m.t, y2: H - m.b, class: 'axis' }));
  svg.append(s('line', { x1: m.l, x2: W - m.r, y1: H - m.b, y2: H - m.b, class: 'axis' }));
  const series = [
    ['train', 'training', train],
    ['valid', 'held-out', valid],
  ];
  for (const [cls, name, pts] of series) {
    if (!pts.length) continue;
    svg.append(s('polyline', { points: pts.map(([e, v]) => `${x(e)},${y(v)}`).join(' '), class: `line ${cls}` }));
    for (const [e, v] of pts) svg.append(s('circle', { cx: x(e), cy: y(v), r: 3, class: `dot ${cls}` }, s('title', {}, `${name} loss, epoch ${e}: ${fixed(v, 4)}`)));
  }
  const legend = h('p', { class: 'legend' },
    h('span', { class: 'key train' }), ' training loss ',
    valid.length ? [h('span', { class: 'key valid' }), ' held-out loss (test documents)'] : null);
  const table = h('table', {},
    h('caption', {}, 'Loss per epoch'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'epoch'), h('th', { scope: 'col' }, 'training'), h('th', { scope: 'col' }, 'held-out'))),
    h('tbody', {}, curve.map((c) => h('tr', {}, h('td', { class: 'num' }, c.epoch), h('td', { class: 'num' }, fixed(c.train_loss)), h('td', { class: 'num' }, fixed(c.valid_loss))))));
  return [
    h('figcaption', {}, 'Loss per epoch'),
    h('div', { class: 'chart-scroll' }, svg),
    legend,
    h('details', {}, h('summary', {}, 'Loss as a table'), table),
  ];
}
