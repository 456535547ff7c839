// The one message protocol between the page (www/textclf.js) and the worker (www/worker.js).
//
// Page → worker, a request:   {id, op, args}
// Worker → page, replies to a request with that id, in this order:
//   {id, kind: 'progress', progress}   zero or more (only for long operations: train)
//   {id, kind: 'ok', value}            exactly one of these two ends the request
//   {id, kind: 'error', error: {name, message, code}}
// `code` is 'cancelled' for a training run stopped by a `cancel` request, 'busy' when a
// session is asked to do something while it trains, 'bad-request' for an unknown op or
// missing argument, and 'failed' for any error from the wasm core (the message says what).

/** Operations the worker understands, with their arguments and results. */
export const Op = Object.freeze({
  /** () → {build: 'simd'|'scalar', memoryBytes} */
  INIT: 'init',
  /** {name, bytes, maxRows} → {format, columns, rows} */
  PREVIEW: 'preview',
  /** () → {sessionId} */
  OPEN_SESSION: 'openSession',
  /** {sessionId} → null (frees the session and its data) */
  CLOSE_SESSION: 'closeSession',
  /** {sessionId, which: 'train'|'test', name, bytes, read: {format, labelCol, textCol}} → summary */
  LOAD: 'load',
  /** {sessionId, which: 'train'|'test', texts, labels} → summary */
  SET_TEXTS: 'setTexts',
  /** {sessionId} → null (train on a split of the training data instead) */
  CLEAR_TEST: 'clearTest',
  /** {sessionId, options} → progress…, then {modelId, report, labels} */
  TRAIN: 'train',
  /** {sessionId} → {cancelled: boolean} (the train request then fails with code 'cancelled') */
  CANCEL: 'cancel',
  /** {bytes} → {modelId, report: null, labels} */
  LOAD_MODEL: 'loadModel',
  /** {modelId, text, topK} → [{label, probability}] */
  PREDICT: 'predict',
  /** {modelId, text, label, n} → {for: [{term, weight}], against: [...]} */
  EXPLAIN: 'explain',
  /** {modelId} → Uint8Array (the model file) */
  SAVE: 'save',
  /** {modelId} → null */
  FREE: 'free',
  /** () → {wasmBytes, peakWasmBytes, jsHeapBytes} */
  MEMORY: 'memory',
});

/** Error codes carried by the error variant. */
export const Code = Object.freeze({
  CANCELLED: 'cancelled',
  BUSY: 'busy',
  BAD_REQUEST: 'bad-request',
  FAILED: 'failed',
});

/** An error reported by the worker (or the core inside it). `code` is one of `Code`. */
export class TextclfError extends Error {
  constructor(message, code = Code.FAILED) {
    super(message);
    this.name = code === Code.CANCELLED ? 'CancelledError' : 'TextclfError';
    this.code = code;
  }
}

export const request = (id, op, args = {}) => ({ id, op, args });
export const ok = (id, value) => ({ id, kind: 'ok', value });
export const progress = (id, p) => ({ id, kind: 'progress', progress: p });

/** The error variant, from any thrown value (wasm `Error`s carry the core's message). */
export function fail(id, err) {
  const code = err instanceof TextclfError ? err.code : Code.FAILED;
  const message = err && typeof err.message === 'string' ? err.message : String(err);
  return { id, kind: 'error', error: { name: err && err.name ? err.name : 'Error', message, code } };
}

/** The thrown form of an error reply. */
export const toError = (error) => new TextclfError(error.message, error.code);

/** Whether a message is a reply of this protocol. */
export const isReply = (m) =>
  m !== null && typeof m === 'object' && typeof m.id === 'number' && ['ok', 'error', 'progress'].includes(m.kind);
