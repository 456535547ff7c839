// The "try the model" section: type a text, see the most probable labels (bars) and the terms
// that pushed the decision; download the current model or load a model file.
import { h, $, replace, percent, fixed } from '../dom.js';
import { load } from '../textclf.js';

const TOP_K = 5;
const TERMS = 8;
const MODEL_FILE_NAME = 'textclf-model.safetensors';

export class TryIt {
  /** @param {object} hooks `onError(message)`, `onModel(model, source)` */
  constructor({ onError, onModel }) {
    this.onError = onError;
    this.onModel = onModel;
    this.model = null;
    this.seq = 0;
    this.text = $('#try-text');
    this.result = $('#try-result');
    this.status = $('#model-status');
    this.download = $('#download');
    let timer = null;
    this.text.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.update(), 120);
    });
    this.download.addEventListener('click', () => this.save());
    const file = $('#model-file');
    file.addEventListener('change', async () => {
      const f = file.files[0];
      if (!f) return;
      try {
        const model = await load(f);
        this.setModel(model, `Loaded model file ${f.name}`);
        this.onModel(model, 'file');
      } catch (e) {
        this.onError(`Could not load the model file “${f.name}”: ${e.message}.`);
      } finally {
        file.value = '';
      }
    });
  }

  /** Makes `model` the current one (frees the previous). */
  setModel(model, description) {
    const old = this.model;
    this.model = model;
    if (old && old !== model) old.free().catch(() => {});
    this.status.textContent = `${description} — ${model.labels.length} labels: ${model.labels.join(', ')}.`;
    this.text.disabled = false;
    this.download.disabled = false;
    this.update();
  }

  async update() {
    const seq = ++this.seq;
    const text = this.text.value;
    if (!this.model || text.trim() === '') {
      replace(this.result);
      return;
    }
    try {
      const model = this.model;
      const top = await model.predict(text, TOP_K);
      const why = top.length ? await model.explain(text, top[0].label, TERMS) : { for: [], against: [] };
      if (seq !== this.seq) return; // a newer input is on its way
      this.#render(top, why);
    } catch (e) {
      if (seq === this.seq) this.onError(`Could not classify the text: ${e.message}.`);
    }
  }

  #render(top, why) {
    const best = top[0];
    const bars = h('ol', { class: 'bars', 'aria-label': 'Most probable labels' },
      top.map((p) =>
        h('li', {},
          h('span', { class: 'bar-label' }, p.label),
          h('span', { class: 'bar-track', 'aria-hidden': 'true' }, h('span', { class: 'bar-fill', style: { width: percent(p.probability) } })),
          h('span', { class: 'bar-value' }, percent(p.probability)))));
    const terms = (list, cls) =>
      list.length ? h('ul', { class: `why ${cls}` }, list.map((t) => h('li', {}, h('span', { class: 'term' }, t.term), ' ', h('span', { class: 'weight' }, (t.weight > 0 ? '+' : '') + fixed(t.weight, 3))))) : h('p', { class: 'hint' }, 'none');
    replace(this.result,
      h('p', { class: 'prediction' }, 'Predicted label: ', h('strong', { id: 'predicted-label' }, best.label), ` (${percent(best.probability)})`),
      bars,
      h('div', { class: 'why-columns' },
        h('div', {}, h('h4', {}, `Terms for “${best.label}”`), terms(why.for, 'for')),
        h('div', {}, h('h4', {}, `Terms against “${best.label}”`), terms(why.against, 'against'))));
  }

  async save() {
    if (!this.model) return;
    try {
      const quantize = document.getElementById('quantize')?.checked ? 'int8' : 'none';
      const bytes = await this.model.save({ quantize });
      const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
      const a = h('a', { href: url, download: MODEL_FILE_NAME, hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (e) {
      this.onError(`Could not save the model: ${e.message}.`);
    }
  }
}
