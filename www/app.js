// The page: wires the data panel, the options form, training with progress and cancel, the
// report and the try-it box. All the work happens in the worker behind www/textclf.js; this
// module only keeps the page's state and renders.
import { $, count, duration, fixed } from './dom.js';
import { Session, Code, info } from './textclf.js';
import { DataPanel } from './ui/data-panel.js';
import { readOptions } from './ui/options-form.js';
import { renderReport, hideReport } from './ui/report.js';
import { TryIt } from './ui/try-it.js';

const alertBox = $('#alert');
const trainBtn = $('#train');
const cancelBtn = $('#cancel');
const progressEl = $('#progress');
const progressText = $('#progress-text');
const form = $('#options-form');

function showError(message) {
  alertBox.textContent = message;
  alertBox.hidden = false;
}
function clearError() {
  alertBox.hidden = true;
  alertBox.textContent = '';
}

const setState = (state) => {
  document.documentElement.dataset.state = state;
};

let session = null;
let running = false;
// What the worker session holds, so that training again does not read the files again.
const loaded = { train: null, test: null };
const keyOf = (entry, read) => (entry ? { blob: entry.blob, read: JSON.stringify(read) } : null);
const sameKey = (a, b) => !!a && !!b && a.blob === b.blob && a.read === b.read;

const data = new DataPanel({
  onError: showError,
  onChange: () => clearError(),
});
const tryIt = new TryIt({
  onError: showError,
  onModel: () => hideReport(),
});

function setProgress(fraction, text) {
  const pct = Math.round(100 * Math.min(1, Math.max(0, fraction)));
  progressEl.setAttribute('aria-valuenow', String(pct));
  progressEl.setAttribute('aria-valuetext', text ? `${pct}% — ${text}` : `${pct}%`);
  progressEl.firstElementChild.style.width = `${pct}%`;
  if (text !== undefined) progressText.textContent = text;
}

function onProgress(p) {
  if (p.phase === 'vectorize') {
    setProgress(0, p.total ? `Vectorizing: ${count(p.done)} of ${count(p.total)} documents…` : 'Vectorizing…');
  } else if (p.phase === 'transform') {
    setProgress(0, `Vectorizing the test documents: ${count(p.done)} of ${count(p.total)}…`);
  } else if (p.phase === 'train') {
    const parts = [`Epoch ${Math.min(p.epoch + 1, p.epochs)} of ${p.epochs}`];
    if (p.trainLoss !== null && p.trainLoss !== undefined) {
      parts.push(`loss ${fixed(p.trainLoss, 4)}` + (p.validLoss !== null && p.validLoss !== undefined ? ` (held-out ${fixed(p.validLoss, 4)})` : ''));
    }
    if (p.etaMs !== null && p.etaMs !== undefined && p.fraction > 0) parts.push(`about ${duration(p.etaMs)} left`);
    setProgress(p.fraction, parts.join(' · '));
  } else if (p.phase === 'evaluate') {
    setProgress(1, 'Evaluating on the test documents…');
  }
}

function setRunning(on) {
  running = on;
  trainBtn.disabled = on;
  cancelBtn.disabled = !on;
  trainBtn.setAttribute('aria-busy', on ? 'true' : 'false');
  setState(on ? 'training' : 'ready');
}

async function loadData(read) {
  const trainKey = keyOf(data.train, read);
  if (!sameKey(loaded.train, trainKey)) {
    loaded.train = null;
    setProgress(0, `Reading ${data.train.example ? 'the example data' : data.train.name}…`);
    try {
      const summary = await session.loadTrain(new File([data.train.blob], data.train.name), read);
      data.describeLoaded(summary, 'train');
    } catch (e) {
      throw new Error(`Could not read the training data “${data.train.name}”: ${e.message}`);
    }
    loaded.train = trainKey;
  }
  const testKey = keyOf(data.test, read);
  if (!data.test && loaded.test) {
    await session.clearTest();
    loaded.test = null;
  } else if (data.test && !sameKey(loaded.test, testKey)) {
    loaded.test = null;
    setProgress(0, `Reading ${data.test.name}…`);
    try {
      const summary = await session.loadTest(data.test.blob, read);
      data.describeLoaded(summary, 'test');
    } catch (e) {
      throw new Error(`Could not read the test data “${data.test.name}”: ${e.message}`);
    }
    loaded.test = testKey;
  }
}

async function train() {
  if (running) return;
  clearError();
  if (!data.train) {
    showError('Choose a training data file first.');
    return;
  }
  const { options, error } = readOptions(form, { hasTestFile: !!data.test });
  if (error) {
    showError(error);
    return;
  }
  const read = data.readOptions();
  if (read.labelCol && read.labelCol === read.textCol) {
    showError('The label column and the text column must be different.');
    return;
  }
  setRunning(true);
  const started = performance.now();
  performance.mark('textclf:train-start');
  try {
    if (!session) session = await Session.open();
    await loadData(read);
    const model = await session.train(options, onProgress);
    const elapsedMs = performance.now() - started;
    setState('rendering');
    if (model.report) {
      renderReport(model.report, { trainName: data.train.example ? 'the example' : data.train.name, testName: data.test?.name, elapsedMs });
    } else {
      hideReport();
    }
    performance.mark('textclf:report-shown');
    tryIt.setModel(model, `Trained on ${data.train.example ? 'the example data' : data.train.name}`);
    setProgress(1, `Done in ${duration(elapsedMs)}.`);
    setState('done');
    running = false;
    trainBtn.disabled = false;
    cancelBtn.disabled = true;
    trainBtn.setAttribute('aria-busy', 'false');
    return;
  } catch (e) {
    if (e.code === Code.CANCELLED) {
      setProgress(0, 'Training cancelled. The data is still loaded: press Train to start again.');
    } else {
      setProgress(0, 'Training failed.');
      showError(e.message.startsWith('Could not') ? `${e.message}.` : `Training failed: ${e.message}.`);
    }
  }
  setRunning(false);
}

async function cancel() {
  if (!running || !session) return;
  cancelBtn.disabled = true;
  progressText.textContent = 'Cancelling…';
  try {
    await session.cancel();
  } catch (e) {
    showError(`Could not cancel: ${e.message}.`);
  }
}

trainBtn.addEventListener('click', train);
cancelBtn.addEventListener('click', cancel);
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && running) cancel();
});

async function start() {
  setState('loading');
  trainBtn.disabled = true;
  try {
    const i = await info();
    $('#build-info').textContent = `WebAssembly build: ${i.build === 'simd' ? 'SIMD128' : 'scalar (no SIMD in this browser)'}.`;
    session = await Session.open();
    await data.loadExample();
  } catch (e) {
    showError(`The classifier could not start: ${e.message}.`);
  }
  trainBtn.disabled = false;
  setState('ready');
}

start();
