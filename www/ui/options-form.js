// The options form → the training options of the JavaScript API (the CLI's flags in camelCase).
// Blank fields are left out, so the core's defaults apply.

/** Reads the form; returns `{options}` or `{error}` (a message in plain words). */
export function readOptions(form, { hasTestFile }) {
  const v = (name) => form.elements[name].value.trim();
  const o = {};
  const errors = [];
  const int = (name, label, min) => {
    const s = v(name);
    if (s === '') return undefined;
    const n = Number(s);
    if (!Number.isInteger(n) || n < min) {
      errors.push(`${label} must be a whole number of at least ${min} (got “${s}”).`);
      return undefined;
    }
    return n;
  };
  const num = (name, label, check, rule) => {
    const s = v(name);
    if (s === '') return undefined;
    const n = Number(s);
    if (!Number.isFinite(n) || !check(n)) {
      errors.push(`${label} must be ${rule} (got “${s}”).`);
      return undefined;
    }
    return n;
  };

  o.stopWords = v('stopWords');
  const nMin = int('ngramMin', 'Smallest n-gram', 1) ?? 1;
  const nMax = int('ngramMax', 'Largest n-gram', 1) ?? nMin;
  if (nMax < nMin) errors.push('Largest n-gram must not be smaller than the smallest.');
  o.ngramRange = [nMin, nMax];
  // Document frequencies go as strings: the core's rule "a decimal point makes it a fraction".
  for (const [name, label] of [
    ['minDf', 'Min df'],
    ['maxDf', 'Max df'],
  ]) {
    const s = v(name);
    if (s === '') continue;
    if (!/^\d+(\.\d*)?$|^\.\d+$/.test(s)) errors.push(`${label} must be a count (like 2) or a fraction (like 0.5), got “${s}”.`);
    else o[name] = s;
  }
  o.maxFeatures = int('maxFeatures', 'Max features', 1);
  o.sublinearTf = form.elements.sublinearTf.checked;
  o.optimizer = v('optimizer');
  o.epochs = int('epochs', 'Epochs', 1);
  o.learningRate = num('learningRate', 'Learning rate', (n) => n > 0, 'a positive number');
  o.batchSize = int('batchSize', 'Batch size', 1);
  o.l2 = num('l2', 'L2', (n) => n >= 0, 'zero or a positive number');
  o.seed = int('seed', 'Seed', 0) ?? 42;
  if (!hasTestFile) {
    o.testSize = num('testSize', 'Test fraction', (n) => n > 0 && n < 1, 'between 0 and 1, like 0.2');
  }
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return errors.length ? { error: errors.join(' ') } : { options: o };
}

/** Fills the form from options (used by tests and to restore a configuration). */
export function writeOptions(form, o) {
  const set = (name, value) => {
    if (value === undefined) return;
    const el = form.elements[name];
    if (el.type === 'checkbox') el.checked = !!value;
    else el.value = value === null ? '' : String(value);
  };
  set('stopWords', o.stopWords);
  if (o.ngramRange) {
    set('ngramMin', o.ngramRange[0]);
    set('ngramMax', o.ngramRange[1]);
  }
  for (const k of ['minDf', 'maxDf', 'maxFeatures', 'sublinearTf', 'optimizer', 'epochs', 'learningRate', 'batchSize', 'l2', 'seed', 'testSize']) {
    set(k, o[k]);
  }
}
