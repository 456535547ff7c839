// The module worker that owns the wasm instance: sessions (loaded data + a training run) and
// trained models live here, addressed by numeric ids; the page talks to it only through the
// messages of www/protocol.js. Training runs in slices of ~40 ms of `trainSteps`, yielding to
// the event loop between slices so that a `cancel` message is handled at once.
import { Op, Code, TextclfError, ok, fail, progress } from './protocol.js';
import { simdSupported } from './simd-detect.js';

const SLICE_MS = 40;
const PROGRESS_MS = 50;

let wasm = null; // the wasm-bindgen module (Session, Model, preview)
let exportsMemory = null; // WebAssembly.Memory of the instance
let build = null;
let peakWasmBytes = 0;
const sessions = new Map(); // id → {session, running, cancel}
const models = new Map(); // id → wasm Model
let nextId = 1;

async function ensureWasm() {
  if (wasm) return;
  build = (await simdSupported()) ? 'simd' : 'scalar';
  const mod = await import(`./pkg/${build}/textclf.js`);
  const instance = await mod.default();
  exportsMemory = instance.memory;
  wasm = mod;
  noteMemory();
}

function noteMemory() {
  const bytes = exportsMemory ? exportsMemory.buffer.byteLength : 0;
  if (bytes > peakWasmBytes) peakWasmBytes = bytes;
  return bytes;
}

const yieldToEventLoop = () => new Promise((r) => setTimeout(r, 0));

function need(args, ...names) {
  for (const n of names) {
    if (args[n] === undefined) throw new TextclfError(`missing argument "${n}"`, Code.BAD_REQUEST);
  }
}

function sessionEntry(args, { idle = true } = {}) {
  need(args, 'sessionId');
  const e = sessions.get(args.sessionId);
  if (!e) throw new TextclfError(`no session ${args.sessionId} (closed?)`, Code.BAD_REQUEST);
  if (idle && e.running) throw new TextclfError('a training run is in progress; cancel it first', Code.BUSY);
  return e;
}

function modelOf(args) {
  need(args, 'modelId');
  const m = models.get(args.modelId);
  if (!m) throw new TextclfError(`no model ${args.modelId} (freed?)`, Code.BAD_REQUEST);
  return m;
}

function addModel(model) {
  const modelId = nextId++;
  models.set(modelId, model);
  return { modelId, report: model.report(), labels: model.labels() };
}

/** Prepares and trains the session's run, posting progress; resolves to the finished model. */
async function train(id, entry, options) {
  const s = entry.session;
  entry.running = true;
  entry.cancel = false;
  try {
    const started = performance.now();
    let lastPost = 0;
    const post = (p, force = false) => {
      const now = performance.now();
      if (force || now - lastPost >= PROGRESS_MS) {
        lastPost = now;
        self.postMessage(progress(id, { ...p, elapsedMs: now - started }));
      }
    };
    post({ phase: 'vectorize', done: 0, total: 0 }, true);
    // Vectorize in slices too, so that a cancel is seen within a slice (~SLICE_MS).
    s.startPrepare(options);
    let prepared = null;
    let docs = 64;
    while (!prepared) {
      if (entry.cancel) throw new TextclfError('training was cancelled', Code.CANCELLED);
      const t = performance.now();
      const p = s.prepareStep(docs);
      const dt = performance.now() - t;
      docs = Math.max(16, Math.min(docs * 4, Math.round((docs * SLICE_MS) / Math.max(dt, 0.25))));
      if (p.prepared) {
        prepared = p.prepared;
      } else {
        post({ phase: p.stage === 'transform' ? 'transform' : 'vectorize', done: p.done, total: p.total });
        await yieldToEventLoop();
      }
    }
    noteMemory();
    const epochs = prepared.epochs;
    const trainStart = performance.now();
    post({ phase: 'train', epoch: 0, epochs, fraction: 0, prepared, etaMs: null }, true);
    await yieldToEventLoop();
    let steps = 1;
    const history = [];
    for (;;) {
      if (entry.cancel) throw new TextclfError('training was cancelled', Code.CANCELLED);
      const t = performance.now();
      const p = s.trainSteps(steps);
      const dt = performance.now() - t;
      if (!p.stats) {
        // Aim each slice at SLICE_MS (only from slices that did not stop at an epoch's end).
        steps = Math.max(1, Math.min(steps * 4, Math.round((steps * SLICE_MS) / Math.max(dt, 0.25))));
      } else {
        history.push(p.stats);
      }
      const elapsed = performance.now() - trainStart;
      const etaMs = p.fraction > 0 ? (elapsed / p.fraction) * (1 - p.fraction) : null;
      const last = history[history.length - 1];
      post(
        {
          phase: 'train',
          epoch: p.epoch,
          epochs: p.epochs,
          fraction: p.fraction,
          trainLoss: last ? last.train_loss : null,
          validLoss: last && last.valid_loss != null ? last.valid_loss : null,
          etaMs,
          prepared,
        },
        !!p.stats || p.done,
      );
      noteMemory();
      if (p.done) break;
      await yieldToEventLoop();
    }
    if (entry.cancel) throw new TextclfError('training was cancelled', Code.CANCELLED);
    post({ phase: 'evaluate' }, true);
    const model = s.finish();
    noteMemory();
    return addModel(model);
  } finally {
    entry.running = false;
    entry.cancel = false;
  }
}

/**
 * Undoes gzip with the browser's own DecompressionStream (faster than the inflater compiled
 * into the wasm). The core detects gzip by its magic bytes and reads it itself too, so on any
 * failure here (no DecompressionStream, an unusual stream) the bytes go to it unchanged.
 */
async function gunzipIfNeeded(bytes) {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b || typeof DecompressionStream === 'undefined') {
    return bytes;
  }
  try {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch {
    return bytes;
  }
}

async function handle(id, op, args) {
  if (op !== Op.CANCEL) await ensureWasm();
  switch (op) {
    case Op.INIT:
      return { build, memoryBytes: noteMemory() };
    case Op.PREVIEW:
      need(args, 'name', 'bytes');
      return wasm.preview(args.name, new Uint8Array(args.bytes), args.maxRows ?? 10);
    case Op.OPEN_SESSION: {
      const sessionId = nextId++;
      sessions.set(sessionId, { session: new wasm.Session(), running: false, cancel: false });
      return { sessionId };
    }
    case Op.CLOSE_SESSION: {
      const e = sessions.get(args.sessionId);
      if (e) {
        e.cancel = true;
        if (!e.running) e.session.free();
        else e.freeWhenDone = true;
        sessions.delete(args.sessionId);
      }
      return null;
    }
    case Op.LOAD: {
      const e = sessionEntry(args);
      need(args, 'which', 'name', 'bytes');
      const started = performance.now();
      const bytes = await gunzipIfNeeded(new Uint8Array(args.bytes));
      const gunzipMs = performance.now() - started;
      const summary =
        args.which === 'test'
          ? e.session.loadTest(args.name, bytes, args.read ?? null)
          : e.session.loadTrain(args.name, bytes, args.read ?? null);
      e.session.addReadTime(gunzipMs);
      noteMemory();
      return summary;
    }
    case Op.SET_TEXTS: {
      const e = sessionEntry(args);
      need(args, 'which', 'texts', 'labels');
      const f = args.which === 'test' ? 'setTestTexts' : 'setTrainTexts';
      return e.session[f](args.texts.map(String), args.labels.map(String));
    }
    case Op.CLEAR_TEST:
      sessionEntry(args).session.clearTest();
      return null;
    case Op.TRAIN: {
      const e = sessionEntry(args);
      try {
        return await train(id, e, args.options ?? {});
      } finally {
        if (e.freeWhenDone) e.session.free();
      }
    }
    case Op.CANCEL: {
      const e = sessions.get(args.sessionId);
      const running = !!(e && e.running);
      if (running) e.cancel = true;
      return { cancelled: running };
    }
    case Op.LOAD_MODEL:
      need(args, 'bytes');
      return addModel(wasm.Model.fromBytes(new Uint8Array(args.bytes)));
    case Op.PREDICT:
      return modelOf(args).predict(String(args.text ?? ''), args.topK ?? 5);
    case Op.EXPLAIN:
      need(args, 'label');
      return modelOf(args).explain(String(args.text ?? ''), String(args.label), args.n ?? 10);
    case Op.SAVE:
      return modelOf(args).save(args.quantize ?? 'none');
    case Op.FREE: {
      const m = models.get(args.modelId);
      if (m) {
        m.free();
        models.delete(args.modelId);
      }
      return null;
    }
    case Op.MEMORY: {
      const heap = self.performance && performance.memory ? performance.memory.usedJSHeapSize : null;
      return { wasmBytes: noteMemory(), peakWasmBytes, jsHeapBytes: heap };
    }
    default:
      throw new TextclfError(`unknown operation "${op}"`, Code.BAD_REQUEST);
  }
}

self.onmessage = async (event) => {
  const { id, op, args } = event.data || {};
  if (typeof id !== 'number') return;
  try {
    const value = await handle(id, op, args || {});
    const transfer = value instanceof Uint8Array ? [value.buffer] : [];
    self.postMessage(ok(id, value), transfer);
  } catch (err) {
    self.postMessage(fail(id, err));
  }
};
