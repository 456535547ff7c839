// textclf in the browser: train and use text classifiers without a server.
//
// All work happens in one module Web Worker (www/worker.js) that owns the WebAssembly
// instance (the SIMD build when the browser supports it, else the scalar one); this module
// talks to it with the messages of www/protocol.js. Models live in the worker: a `Model` here
// is a handle, and `free()` releases the worker-side model.
//
//   import { train, load } from './www/textclf.js';
//   const model = await train(file, { maxDf: 0.5, stopWords: 'english', testSize: 0.2 },
//                             (p) => console.log(p.phase, p.fraction));
//   console.log(model.report.accuracy, await model.predict('the rocket reached orbit', 3));
//
// Types: www/textclf.d.ts.
import { Op, Code, TextclfError, request, toError, isReply } from './protocol.js';

export { TextclfError, Code };

/** Options that are not training options: how to read the input, and where the test set is. */
const READ_KEYS = ['format', 'labelCol', 'textCol'];
const API_KEYS = ['test', 'signal', ...READ_KEYS];

class WorkerClient {
  constructor() {
    this.worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'textclf' });
    this.pending = new Map();
    this.nextId = 1;
    this.worker.onmessage = (e) => this.#receive(e.data);
    this.worker.onerror = (e) => {
      const err = new TextclfError(`the textclf worker failed: ${e.message || 'could not start'}`);
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
      e.preventDefault();
    };
  }

  #receive(m) {
    if (!isReply(m)) return;
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.kind === 'progress') {
      if (p.onProgress) p.onProgress(m.progress);
      return;
    }
    this.pending.delete(m.id);
    if (m.kind === 'ok') p.resolve(m.value);
    else p.reject(toError(m.error));
  }

  call(op, args = {}, { transfer = [], onProgress = null } = {}) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      this.worker.postMessage(request(id, op, args), transfer);
    });
  }
}

let client = null;
/** The shared worker client (started on first use). */
function worker() {
  if (!client) client = new WorkerClient();
  return client;
}

/** Which wasm build the worker runs and its memory: `{build: 'simd'|'scalar', memoryBytes}`. */
export const info = () => worker().call(Op.INIT);

/** Wasm memory now and at its peak, and the worker's JS heap where the browser tells it. */
export const memory = () => worker().call(Op.MEMORY);

const isBlob = (x) => typeof Blob !== 'undefined' && x instanceof Blob;
const isTexts = (x) => x && typeof x === 'object' && Array.isArray(x.texts) && Array.isArray(x.labels);

/** `{name, bytes}` of a File, Blob, CSV string, ArrayBuffer or typed array. */
async function toBytes(input, fallbackName = 'data.csv') {
  if (isBlob(input)) return { name: input.name || fallbackName, bytes: new Uint8Array(await input.arrayBuffer()) };
  if (typeof input === 'string') return { name: fallbackName, bytes: new TextEncoder().encode(input) };
  if (input instanceof ArrayBuffer) return { name: fallbackName, bytes: new Uint8Array(input.slice(0)) };
  if (ArrayBuffer.isView(input)) {
    const copy = new Uint8Array(input.byteLength);
    copy.set(new Uint8Array(input.buffer, input.byteOffset, input.byteLength));
    return { name: fallbackName, bytes: copy };
  }
  throw new TypeError('input must be a File, a Blob, a CSV string, bytes or {texts, labels}');
}

/** The first rows of a data file, to choose columns: `{format, columns, rows}`. */
export async function preview(input, maxRows = 10) {
  const { name, bytes } = await toBytes(input);
  return worker().call(Op.PREVIEW, { name, bytes, maxRows }, { transfer: [bytes.buffer] });
}

/** Splits `{...options}` into read options, training options and the rest. */
function splitOptions(options = {}) {
  const read = {};
  const trainOptions = {};
  for (const [k, v] of Object.entries(options)) {
    if (v === undefined || v === null || v === '') continue;
    if (READ_KEYS.includes(k)) read[k] = v;
    else if (!API_KEYS.includes(k)) trainOptions[k] = v;
  }
  return { read, trainOptions, test: options.test, signal: options.signal };
}

/**
 * A session holds loaded data in the worker, so that it can be trained on again (other
 * options, after a cancel) without reading the files again. `train()` uses one internally.
 */
export class Session {
  /** @param {number} id */
  constructor(id) {
    this.id = id;
  }

  /** Opens a session in the worker. */
  static async open() {
    const { sessionId } = await worker().call(Op.OPEN_SESSION);
    return new Session(sessionId);
  }

  async #load(which, input, read = {}) {
    if (isTexts(input)) {
      return worker().call(Op.SET_TEXTS, { sessionId: this.id, which, texts: input.texts, labels: input.labels });
    }
    const { name, bytes } = await toBytes(input, which === 'test' ? 'test.csv' : 'train.csv');
    return worker().call(Op.LOAD, { sessionId: this.id, which, name, bytes, read }, { transfer: [bytes.buffer] });
  }

  /** Loads the training data; resolves to `{documents, labels, records, skipped, ...}`. */
  loadTrain(input, read) {
    return this.#load('train', input, read);
  }

  /** Loads a separate test set (same kinds of input). */
  loadTest(input, read) {
    return this.#load('test', input, read);
  }

  /** Forgets the separate test set. */
  clearTest() {
    return worker().call(Op.CLEAR_TEST, { sessionId: this.id });
  }

  /**
   * Trains on the loaded data. `options` are the training options (see `TrainOptions`);
   * `onProgress` receives `{phase, epoch, epochs, fraction, trainLoss, validLoss, etaMs, ...}`.
   * Rejects with a `TextclfError` of code 'cancelled' when `cancel()` is called (or `signal`
   * aborts).
   */
  async train(options = {}, onProgress = null, signal = null) {
    if (signal && signal.aborted) throw new TextclfError('training was cancelled', Code.CANCELLED);
    const onAbort = () => this.cancel();
    if (signal) signal.addEventListener('abort', onAbort, { once: true });
    try {
      const r = await worker().call(Op.TRAIN, { sessionId: this.id, options }, { onProgress });
      return new Model(r);
    } finally {
      if (signal) signal.removeEventListener('abort', onAbort);
    }
  }

  /** Stops a training run of this session, vectorizing included (within a slice, ~40 ms). */
  cancel() {
    return worker().call(Op.CANCEL, { sessionId: this.id });
  }

  /** Frees the session and its data in the worker. */
  close() {
    return worker().call(Op.CLOSE_SESSION, { sessionId: this.id });
  }
}

/** A trained or loaded classifier, living in the worker. */
export class Model {
  constructor({ modelId, report, labels }) {
    this.id = modelId;
    /** The evaluation report (the CLI's report JSON plus loss_curve, misclassified,
     * top_terms, config), or null for a loaded model or one trained without a test set. */
    this.report = report;
    /** The class names. */
    this.labels = labels;
  }

  #call(op, args = {}) {
    if (this.id === null) return Promise.reject(new TextclfError('this model was freed', Code.BAD_REQUEST));
    return worker().call(op, { modelId: this.id, ...args });
  }

  /** The `topK` most probable labels: `[{label, probability}]`, most probable first. */
  predict(text, topK = 5) {
    return this.#call(Op.PREDICT, { text, topK });
  }

  /** The `n` terms of `text` that pushed `label`'s score up (`for`) and down (`against`). */
  explain(text, label, n = 10) {
    return this.#call(Op.EXPLAIN, { text, label, n });
  }

  /**
   * The model file's bytes (safetensors). `{quantize: 'int8'}` stores the weights as int8
   * with one scale per class (about 4× smaller; see docs/model-format.md).
   */
  save({ quantize = 'none' } = {}) {
    return this.#call(Op.SAVE, { quantize });
  }

  /** Releases the model in the worker; the handle is unusable afterwards. */
  async free() {
    if (this.id === null) return;
    const id = this.id;
    this.id = null;
    await worker().call(Op.FREE, { modelId: id });
  }
}

/**
 * Trains a classifier. `input`: a File, Blob, CSV string, bytes, or `{texts, labels}`.
 * `options`: training options named like the CLI flags in camelCase, plus `test` (a second
 * input of the same kinds) or `testSize`, `labelCol`/`textCol`/`format`, and `signal` (an
 * AbortSignal that cancels). Resolves to a `Model`.
 */
export async function train(input, options = {}, onProgress = null) {
  const { read, trainOptions, test, signal } = splitOptions(options);
  const session = await Session.open();
  try {
    await session.loadTrain(input, read);
    if (test !== undefined && test !== null) await session.loadTest(test, read);
    return await session.train(trainOptions, onProgress, signal);
  } finally {
    await session.close();
  }
}

/** Loads a model file from a URL (string or URL) or from bytes (ArrayBuffer, typed array, Blob). */
export async function load(urlOrBytes) {
  let bytes;
  if (typeof urlOrBytes === 'string' || urlOrBytes instanceof URL) {
    const res = await fetch(urlOrBytes);
    if (!res.ok) throw new TextclfError(`could not fetch the model ${urlOrBytes}: HTTP ${res.status}`);
    bytes = new Uint8Array(await res.arrayBuffer());
  } else {
    bytes = (await toBytes(urlOrBytes, 'model')).bytes;
  }
  const r = await worker().call(Op.LOAD_MODEL, { bytes }, { transfer: [bytes.buffer] });
  return new Model(r);
}

/** Splits API options into read options, training options, test input and signal. */
export { splitOptions };
