// The data section: training data from the embedded example, the file picker or a drop; a
// preview table to choose the label and text columns; an optional separate test file.
import { h, $, replace, count } from '../dom.js';
import { preview } from '../textclf.js';

const PREVIEW_ROWS = 5;

/** Picks a default column: the preferred name, else a guess. */
function guessColumn(columns, preferred, rows, kind) {
  const lower = columns.map((c) => c.toLowerCase());
  for (const p of preferred) {
    const i = lower.indexOf(p);
    if (i >= 0) return columns[i];
  }
  if (kind === 'text') {
    // The column with the longest values.
    let best = 0;
    let bestLen = -1;
    columns.forEach((_, i) => {
      const len = rows.reduce((a, r) => a + (r[i] || '').length, 0);
      if (len > bestLen) [best, bestLen] = [i, len];
    });
    return columns[best];
  }
  return columns[0];
}

export class DataPanel {
  /**
   * @param {object} hooks `onError(message)`, `onChange()` (data or columns changed)
   */
  constructor({ onError, onChange }) {
    this.onError = onError;
    this.onChange = onChange;
    this.train = null; // {blob, name, example, preview}
    this.test = null; // {blob, name}
    this.labelSel = $('#label-col');
    this.textSel = $('#text-col');
    this.status = $('#data-status');
    this.testStatus = $('#test-status');
    this.clearTestBtn = $('#clear-test');
    this.testInput = $('#test-file');

    const trainInput = $('#train-file');
    trainInput.addEventListener('change', () => {
      if (trainInput.files[0]) this.setTrain(trainInput.files[0], trainInput.files[0].name, false);
    });
    this.testInput.addEventListener('change', () => {
      if (this.testInput.files[0]) this.setTest(this.testInput.files[0]);
    });
    this.clearTestBtn.addEventListener('click', () => this.clearTest());
    for (const sel of [this.labelSel, this.textSel]) sel.addEventListener('change', () => this.onChange());
    this.#dropzone($('#dropzone'));
  }

  #dropzone(zone) {
    const over = (e) => {
      e.preventDefault();
      zone.classList.add('over');
    };
    zone.addEventListener('dragenter', over);
    zone.addEventListener('dragover', over);
    zone.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone.addEventListener('drop', (e) => {
      e.preventDefault();
      zone.classList.remove('over');
      const f = e.dataTransfer && e.dataTransfer.files[0];
      if (f) this.setTrain(f, f.name, false);
    });
  }

  /** Loads the example described in www/examples/data/examples.json, if it was built. */
  async loadExample() {
    let manifest;
    try {
      const res = await fetch(new URL('../examples/data/examples.json', import.meta.url));
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      manifest = await res.json();
    } catch {
      this.status.textContent =
        'The example data has not been built (run `npm start`). Choose a training data file to begin.';
      return false;
    }
    const ex = manifest.examples[0];
    const res = await fetch(new URL(`../${ex.file}`, import.meta.url));
    if (!res.ok) {
      this.status.textContent = `The example data file ${ex.file} is missing. Choose a training data file to begin.`;
      return false;
    }
    const blob = await res.blob();
    return this.setTrain(blob, ex.name, ex);
  }

  /** Makes `blob` the training data after previewing it; on error keeps the previous data. */
  async setTrain(blob, name, example) {
    let pv;
    try {
      pv = await preview(new File([blob], name), PREVIEW_ROWS);
    } catch (e) {
      this.onError(`Could not read “${name}”: ${e.message}. The previous data is still selected.`);
      $('#train-file').value = '';
      return false;
    }
    if (!pv.columns || pv.columns.length < 2) {
      this.onError(`Could not read “${name}”: it needs at least two columns (a label and a text), found ${pv.columns.length}.`);
      $('#train-file').value = '';
      return false;
    }
    this.train = { blob, name, example, preview: pv };
    const isZip = pv.format === 'zip';
    this.#fillSelect(this.labelSel, pv.columns, example ? example.labelCol : guessColumn(pv.columns, ['label', 'labels', 'category', 'class', 'target', 'y'], pv.rows, 'label'));
    this.#fillSelect(this.textSel, pv.columns, example ? example.textCol : guessColumn(pv.columns, ['text', 'body', 'content', 'document', 'message', 'sentence'], pv.rows, 'text'));
    this.labelSel.disabled = this.textSel.disabled = isZip;
    this.#renderPreview(pv);
    const what = example
      ? `Example: ${example.title}. ${example.description}`
      : `${name}: ${pv.format.toUpperCase()}${isZip ? ' archive (one folder per label)' : `, ${pv.columns.length} columns`}.`;
    this.status.textContent = isZip ? `${what} Press Train.` : `${what} Choose the label and text columns, then press Train.`;
    this.onChange();
    return true;
  }

  #fillSelect(sel, columns, chosen) {
    replace(sel, columns.map((c) => h('option', { value: c, selected: c === chosen }, c)));
    sel.value = chosen;
  }

  #renderPreview(pv) {
    const table = h(
      'table',
      { class: 'preview' },
      h('caption', {}, `Preview: the first ${pv.rows.length} rows`),
      h('thead', {}, h('tr', {}, pv.columns.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, pv.rows.map((r) => h('tr', {}, pv.columns.map((_, i) => h('td', {}, r[i] ?? ''))))),
    );
    replace($('#preview'), table);
  }

  async setTest(file) {
    try {
      await preview(file, 1);
    } catch (e) {
      this.onError(`Could not read the test file “${file.name}”: ${e.message}.`);
      this.testInput.value = '';
      return;
    }
    this.test = { blob: file, name: file.name };
    this.testStatus.textContent = `Test data: ${file.name}. The report will be on this file (the test fraction is not used).`;
    this.clearTestBtn.hidden = false;
    this.onChange();
  }

  clearTest() {
    this.test = null;
    this.testInput.value = '';
    this.clearTestBtn.hidden = true;
    this.testStatus.textContent = 'No test file: a fraction of the training data is held out for testing (see Options).';
    this.onChange();
  }

  /** Read options for the core: `{labelCol, textCol}` (none for a zip). */
  readOptions() {
    if (!this.train || this.train.preview.format === 'zip') return {};
    return { labelCol: this.labelSel.value, textCol: this.textSel.value };
  }

  /** Says how the loaded data looks (after the worker read it). */
  describeLoaded(summary, which) {
    const skipped = summary.skipped ? ` (${count(summary.skipped)} skipped: ${summary.skip_reasons.join('; ')})` : '';
    const text = `${count(summary.documents)} documents, ${summary.labels.length} labels${skipped}`;
    if (which === 'test') this.testStatus.textContent = `Test data: ${this.test.name} — ${text}.`;
    else this.status.textContent = `${this.train.example ? 'Example data' : this.train.name}: ${text}.`;
  }
}
