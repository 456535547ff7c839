// <text-classifier>: a textclf model in any page, classifying as the reader types. No build step.
//
//   <script type="module" src="/path/to/www/embed.js"></script>
//   <text-classifier src="model.safetensors" label="Your question" top-k="3"
//                    placeholder="Type a question"></text-classifier>
//
// Attributes: src (the model file, relative to the page), top-k (labels shown, default 3),
// label (the text box's accessible label), placeholder.
// The predict-only wasm (www/pkg/embed/, or www/pkg/embed-scalar/ without SIMD128; built by
// scripts/build-embed.sh, resolved relative to this file) and the model are fetched only when
// the element comes near the viewport or its text box gets focus; the wasm once per page.
// After each prediction the element fires `tc-predict` ({detail: {text, results}}).
//
// Styling, with CSS custom properties set on the element or any ancestor:
//   --tc-font     font of the element                  (inherit)
//   --tc-fg       text colour                          (inherit)
//   --tc-bg       background of the text box           (Canvas)
//   --tc-border   border colour                        (#8a8f98)
//   --tc-muted    colour of secondary text             (#5f6570)
//   --tc-accent   bar fill, focus ring, Why? button    (#2563eb)
//   --tc-bar-bg   the empty part of a bar              (#e5e7eb)
//   --tc-radius   corner radius                        (6px)
//   --tc-error    colour of error messages             (#b42318)
//
// For your own UI: `import { load } from './embed.js'`; `const m = await load('model.safetensors')`
// gives {labels, predict(text, topK) → [{label, probability}], explain(text, label, n) →
// {for: [{term, weight}], against}, free()}.

// (module (func (result v128) i32.const 0 i8x16.splat)): validates only with SIMD128.
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0, 253, 15, 11]);

let wasmReady = null;
/** The initialised wasm module, loaded once per page. */
function wasm() {
  wasmReady ??= (async () => {
    if (typeof WebAssembly !== 'object') throw new Error('this browser cannot run WebAssembly');
    let simd = false;
    try {
      simd = WebAssembly.validate(SIMD_PROBE);
    } catch {}
    const m = await import(new URL(`./pkg/${simd ? 'embed' : 'embed-scalar'}/textclf.js`, import.meta.url));
    await m.default();
    return m;
  })().catch((e) => {
    wasmReady = null; // let a later attempt try again
    throw new Error(`the classifier could not start (${e.message})`);
  });
  return wasmReady;
}

async function bytesOf(src) {
  if (src instanceof ArrayBuffer || ArrayBuffer.isView(src)) return new Uint8Array(src.buffer ?? src, src.byteOffset ?? 0, src.byteLength);
  const url = new URL(src, document.baseURI);
  let res;
  try {
    res = await fetch(url);
  } catch {
    throw new Error(`the model ${url.pathname} could not be downloaded (network error)`);
  }
  if (!res.ok) throw new Error(`the model ${url.pathname} could not be downloaded (${res.status} ${res.statusText})`.replace(' )', ')'));
  return new Uint8Array(await res.arrayBuffer());
}

/** Loads a model file (a URL relative to the page, or its bytes). */
export async function load(src) {
  const [m, bytes] = await Promise.all([wasm(), bytesOf(src)]);
  let model;
  try {
    model = m.Model.fromBytes(bytes);
  } catch (e) {
    throw new Error(`the model file could not be read: ${e.message}`);
  }
  return {
    labels: model.labels(),
    predict: (text, topK = 3) => model.predict(text, topK),
    explain: (text, label, n = 10) => model.explain(text, label, n),
    free: () => model.free(),
  };
}

const CSS = `
:host{display:block;font:var(--tc-font,inherit);color:var(--tc-fg,inherit)}
[hidden]{display:none!important}
label{display:block;font-weight:600;margin-bottom:.3em}
textarea{box-sizing:border-box;width:100%;font:inherit;color:inherit;background:var(--tc-bg,Canvas);border:1px solid var(--tc-border,#8a8f98);border-radius:var(--tc-radius,6px);padding:.45em .6em;resize:vertical}
textarea:focus,button:focus-visible{outline:2px solid var(--tc-accent,#2563eb);outline-offset:1px}
ol,ul{list-style:none;margin:.5em 0 0;padding:0}
.res{display:grid;grid-template-columns:max-content 1fr auto;gap:.3em .6em;align-items:center}
.res li{display:grid;grid-column:1/-1;grid-template-columns:subgrid;align-items:center}
.bar{height:.6em;border-radius:var(--tc-radius,6px);background:var(--tc-bar-bg,#e5e7eb);overflow:hidden}
.bar>span{display:block;height:100%;background:var(--tc-accent,#2563eb)}
.p{text-align:right;font-variant-numeric:tabular-nums}
.status{margin:.4em 0 0;color:var(--tc-muted,#5f6570);font-size:.9em}
.status.err{color:var(--tc-error,#b42318)}
button{font:inherit;font-size:.9em;margin-top:.4em;padding:.15em .7em;color:var(--tc-accent,#2563eb);background:none;border:1px solid currentColor;border-radius:var(--tc-radius,6px);cursor:pointer}
.why{font-size:.9em;margin-top:.4em}
.why h4{margin:.5em 0 .1em;font-size:1em;font-weight:600}
.why li{display:inline-block;margin:0 .3em .3em 0;padding:0 .4em;border:1px solid var(--tc-bar-bg,#e5e7eb);border-radius:var(--tc-radius,6px)}
.why small{color:var(--tc-muted,#5f6570)}
`;

const pct = (p) => `${(p * 100).toFixed(1)}%`;

function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k in el && !k.includes('-')) el[k] = v;
    else el.setAttribute(k, v);
  }
  el.append(...children);
  return el;
}

class TextClassifier extends HTMLElement {
  static observedAttributes = ['src', 'top-k', 'label', 'placeholder'];
  #model = null; // the loaded model, or null
  #loading = null; // the promise of the model being loaded
  #timer = 0;
  #io = null;
  #ui;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    const u = (this.#ui = {
      label: h('label', { htmlFor: 'in', part: 'label' }),
      input: h('textarea', { id: 'in', rows: 2, part: 'input', spellcheck: false }),
      status: h('p', { className: 'status', role: 'status', part: 'status' }),
      res: h('ol', { className: 'res', part: 'results', 'aria-label': 'Most likely labels' }),
      btn: h('button', { type: 'button', hidden: true, part: 'why-button', 'aria-expanded': 'false', 'aria-controls': 'why' }, 'Why?'),
      why: h('div', { id: 'why', className: 'why', hidden: true, part: 'why' }),
    });
    root.append(h('style', {}, CSS), u.label, u.input, u.status, u.res, u.btn, u.why);
    u.input.addEventListener('focus', () => this.#load());
    u.input.addEventListener('input', () => {
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => this.#run(), 150);
    });
    u.btn.addEventListener('click', () => {
      const open = u.btn.getAttribute('aria-expanded') !== 'true';
      u.btn.setAttribute('aria-expanded', String(open));
      u.why.hidden = !open;
      if (open) this.#run();
    });
  }

  connectedCallback() {
    this.#attrs();
    if (!this.#io && 'IntersectionObserver' in window) {
      this.#io = new IntersectionObserver((es) => es.some((e) => e.isIntersecting) && this.#load(), { rootMargin: '200px' });
      this.#io.observe(this);
    }
  }

  disconnectedCallback() {
    this.#io?.disconnect();
    this.#io = null;
    this.#unload();
  }

  attributeChangedCallback(name, old, value) {
    if (old === value) return;
    if (name === 'src' && (this.#model || this.#loading)) {
      this.#unload();
      this.#load();
    } else {
      this.#attrs();
      if (name === 'top-k') this.#run();
    }
  }

  get topK() {
    const k = parseInt(this.getAttribute('top-k') ?? '3', 10);
    return k > 0 ? k : 3;
  }

  #attrs() {
    const u = this.#ui;
    u.label.textContent = this.getAttribute('label') ?? 'Text to classify';
    u.input.placeholder = this.getAttribute('placeholder') ?? '';
  }

  #unload() {
    this.#model?.free();
    this.#model = null;
    this.#loading = null;
    this.dataset.state = 'idle';
  }

  #status(text, error = false) {
    this.#ui.status.textContent = text;
    this.#ui.status.classList.toggle('err', error);
  }

  /** Starts loading the wasm and the model (once). */
  #load() {
    if (this.#loading) return this.#loading;
    const src = this.getAttribute('src');
    this.#io?.disconnect();
    this.dataset.state = 'loading';
    this.#status('Loading the classifier…');
    const p = (this.#loading = (src ? load(src) : Promise.reject(new Error('no model is set (the src attribute is empty)')))
      .then((m) => {
        if (this.#loading !== p) return m.free(); // unloaded or src changed meanwhile
        this.#model = m;
        this.dataset.state = 'ready';
        this.#status('');
        this.#run();
      })
      .catch((e) => {
        if (this.#loading !== p) return;
        this.#loading = null; // focusing the text box tries again
        this.dataset.state = 'error';
        this.#status(`Sorry, ${e.message}.`, true);
      }));
    return p;
  }

  /** Classifies the text box's content and renders the result. */
  #run() {
    if (!this.#model) return;
    try {
      this.#render(this.#model);
    } catch (e) {
      this.#status(`Sorry, the text could not be classified: ${e.message}.`, true);
    }
  }

  #render(m) {
    const u = this.#ui;
    const text = u.input.value.trim();
    const results = text ? m.predict(text, this.topK) : [];
    u.res.replaceChildren(
      ...results.map(({ label, probability: p }) =>
        h('li', {},
          h('span', { className: 'name' }, label),
          h('span', { className: 'bar', role: 'meter', 'aria-label': label, 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': (p * 100).toFixed(1), 'aria-valuetext': pct(p) },
            h('span', { style: `width:${pct(p)}` })),
          h('span', { className: 'p' }, pct(p)))),
    );
    u.btn.hidden = !results.length;
    if (results.length && u.btn.getAttribute('aria-expanded') === 'true') {
      const top = results[0].label;
      const ex = m.explain(text, top, 6);
      const list = (title, terms) =>
        terms.length ? [h('h4', {}, title), h('ul', {}, ...terms.map((t) => h('li', {}, t.term, ' ', h('small', {}, (t.weight > 0 ? '+' : '') + t.weight.toFixed(2)))))] : [];
      const parts = [...list(`Words for “${top}”`, ex.for), ...list(`Words against “${top}”`, ex.against)];
      u.why.replaceChildren(...(parts.length ? parts : [h('p', {}, 'None of these words is in the model’s vocabulary.')]));
    } else if (!results.length) {
      u.why.replaceChildren();
    }
    this.dispatchEvent(new CustomEvent('tc-predict', { detail: { text, results } }));
  }
}

if (!customElements.get('text-classifier')) customElements.define('text-classifier', TextClassifier);
