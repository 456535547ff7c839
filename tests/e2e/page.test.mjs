// The page on its embedded example (State of the Union passages by party): train and see the
// report, a responsive main thread while training, try-it, download and reload of the model,
// cancel and train again, a bad file, no console errors, no request off the origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startApp, missingPrerequisite, setOptions, trainAndWait, startFrameRecorder, shownAccuracy } from './helpers.mjs';

const missing = missingPrerequisite();
const opts = { skip: missing ? `prerequisite missing: ${missing}` : false, timeout: 180000 };
if (missing && process.env.CI === 'true') {
  test('prerequisites for the browser tests', () => assert.fail(missing));
}

let app;
let page; // one page for the whole story, as a user would go through it
before(async () => {
  if (missing) return;
  app = await startApp();
  page = await app.open({ acceptDownloads: true });
});
after(async () => {
  if (app) await app.close();
});

const SAMPLE = 'We must cut taxes, balance the budget and keep a strong defense against the Soviet Union.';

test('opens with the example data ready and trains on it, main thread painting throughout', opts, async (t) => {
  assert.match(await page.textContent('#data-status'), /State of the Union/);
  assert.equal(await page.inputValue('#label-col'), 'party');
  assert.equal(await page.inputValue('#text-col'), 'text');
  assert.ok((await page.$$('#preview tbody tr')).length > 0, 'a preview table is shown');
  // Accessible names the brief promises.
  await page.getByLabel('Training data').waitFor();
  const frames = await startFrameRecorder(page);
  await trainAndWait(page);
  const { maxGap, frames: n, maxLongTask } = await frames.stop();
  t.diagnostic(`example: largest gap between animation frames during training ${maxGap.toFixed(1)} ms over ${n} frames; longest main-thread task ${maxLongTask.toFixed(0)} ms`);
  assert.ok(maxGap < 200, `the main thread stalled for ${maxGap.toFixed(0)} ms`);

  const acc = await shownAccuracy(page);
  t.diagnostic(`example accuracy shown: ${acc.text}`);
  assert.match(acc.text, /Accuracy/);
  assert.ok(acc.value > 0.6, `accuracy ${acc.value}`);
  const report = await page.textContent('#report-table');
  for (const word of ['precision', 'recall', 'f1-score', 'support', 'accuracy', 'macro avg', 'weighted avg', 'Republican', 'Democratic']) {
    assert.ok(report.includes(word), `the report table has "${word}"`);
  }
  assert.equal(await page.getAttribute('#confusion svg', 'role'), 'img');
  assert.match(await page.textContent('#confusion details'), /Republican/);
  assert.ok((await page.$$('#loss svg polyline')).length >= 1, 'a loss curve is drawn');
  assert.ok((await page.$$('#top-terms .terms')).length >= 2, 'top terms per class');
  assert.ok((await page.$$('#misclassified li')).length > 0, 'misclassified documents are listed');
  assert.equal(await page.getAttribute('#progress', 'aria-valuenow'), '100');
});

test('try it: top labels with probabilities and the terms behind the decision', opts, async () => {
  await page.getByLabel('Text to classify').fill(SAMPLE);
  await page.waitForSelector('#predicted-label');
  const bars = await page.$$eval('#try-result .bars li', (lis) => lis.map((li) => li.textContent));
  assert.ok(bars.length >= 2, 'several labels with bars');
  assert.ok(bars.every((b) => /\d+\.\d%$/.test(b)), `probabilities shown: ${bars}`);
  assert.ok((await page.$$('#try-result .why li')).length > 0, 'explaining terms are listed');
});

test('download the model and load it back: the same predictions', opts, async () => {
  const before = await page.textContent('#try-result');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download model' }).click()]);
  assert.equal(download.suggestedFilename(), 'textclf-model.safetensors');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'textclf-e2e-')), 'textclf-model.safetensors');
  await download.saveAs(file);
  assert.ok(fs.statSync(file).size > 1000);
  await page.setInputFiles('#model-file', file);
  await page.waitForFunction(() => document.querySelector('#model-status').textContent.includes('Loaded model file'));
  await page.getByLabel('Text to classify').fill(SAMPLE + ' ');
  await page.waitForFunction((b) => {
    const r = document.querySelector('#try-result');
    return r && r.textContent === b;
  }, before, { timeout: 10000 });
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
});

test('cancel stops training within a second, keeps the data, and training again works', opts, async (t) => {
  await setOptions(page, { epochs: '400' });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page.waitForFunction(() => {
    const v = Number(document.querySelector('#progress').getAttribute('aria-valuenow'));
    return v >= 1 && /Epoch/.test(document.querySelector('#progress-text').textContent);
  }, null, { timeout: 30000, polling: 50 });
  const started = Date.now();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.waitForFunction(() => document.documentElement.dataset.state === 'ready', null, { timeout: 5000, polling: 20 });
  const ms = Date.now() - started;
  t.diagnostic(`cancel took ${ms} ms`);
  assert.ok(ms < 1000, `cancel took ${ms} ms`);
  assert.match(await page.textContent('#progress-text'), /cancelled/i);
  assert.equal(await page.isHidden('#alert'), true, 'a cancel is not an error');
  await setOptions(page, { epochs: '' });
  await trainAndWait(page);
  assert.ok((await shownAccuracy(page)).value > 0.6);
});

test('cancel while vectorizing stops within a second too', opts, async (t) => {
  // Trigrams make the vectorizing phase long enough to cancel inside it.
  await setOptions(page, { ngramMax: '3' });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await page.waitForFunction(() => /Vectorizing: [0-9,]+ of/.test(document.querySelector('#progress-text').textContent),
    null, { timeout: 30000, polling: 10 });
  const started = Date.now();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.waitForFunction(() => document.documentElement.dataset.state === 'ready', null, { timeout: 5000, polling: 20 });
  const ms = Date.now() - started;
  t.diagnostic(`cancel while vectorizing took ${ms} ms`);
  assert.ok(ms < 1000, `cancel took ${ms} ms`);
  assert.match(await page.textContent('#progress-text'), /cancelled/i);
  await setOptions(page, { ngramMax: '1' });
});

test('a bad file shows an error in plain words and the page keeps working', opts, async () => {
  await page.setInputFiles('#train-file', { name: 'bad.jsonl', mimeType: 'application/json', buffer: Buffer.from('{"label": "a", "text": }\n') });
  const alert = page.getByRole('alert');
  await alert.waitFor({ state: 'visible' });
  const text = await alert.textContent();
  assert.match(text, /Could not read “bad.jsonl”/);
  assert.match(await page.textContent('#data-status'), /Example data|State of the Union/, 'the example stays selected');
  // Options the core refuses are errors on the page too.
  await setOptions(page, { maxDf: 'abc' });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  assert.match(await alert.textContent(), /Max df/);
  await setOptions(page, { maxDf: '1.0' });
  await trainAndWait(page);
  assert.equal(await page.isHidden('#alert'), true);
});

test('keyboard: Train is reachable with Tab and starts with Enter', opts, async () => {
  await page.focus('#options-form [name="seed"]');
  for (let i = 0; i < 10; i += 1) {
    if (await page.evaluate(() => document.activeElement.id === 'train')) break;
    await page.keyboard.press('Tab');
  }
  assert.equal(await page.evaluate(() => document.activeElement.id), 'train');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.documentElement.dataset.state === 'done', null, { timeout: 60000 });
});

test('the JavaScript API: train from {texts, labels} and a CSV string, predict, save, load, free', opts, async () => {
  const r = await page.evaluate(async () => {
    const api = await import('/www/textclf.js');
    const texts = [];
    const labels = [];
    for (let i = 0; i < 40; i += 1) {
      texts.push(`rocket orbit launch moon ${i}`, `bread oven butter flour ${i}`);
      labels.push('space', 'food');
    }
    const progress = [];
    const m = await api.train({ texts, labels }, { testSize: 0.25, epochs: 5 }, (p) => progress.push(p.phase));
    const p = await m.predict('the rocket left orbit', 2);
    const why = await m.explain('the rocket left orbit', 'space', 3);
    const bytes = await m.save();
    const m2 = await api.load(bytes);
    const p2 = await m2.predict('the rocket left orbit', 2);
    const q = await m.save({ quantize: 'int8' });
    const mq = await api.load(q);
    const pq = await mq.predict('the rocket left orbit', 1);
    await mq.free();
    let badQuantize = null;
    try {
      await m.save({ quantize: 'int4' });
    } catch (e) {
      badQuantize = e.message;
    }
    const csv = 'label,text\n' + texts.map((t, i) => `${labels[i]},${t}`).join('\n');
    const m3 = await api.train(csv, { test: csv, maxDf: 0.9 });
    let error = null;
    try {
      await api.train(csv, { optimizer: 'lbfgs' });
    } catch (e) {
      error = { name: e.name, message: e.message, code: e.code };
    }
    await m.free();
    let freed = null;
    try {
      await m.predict('x');
    } catch (e) {
      freed = e.message;
    }
    await m2.free();
    await m3.free();
    return { acc: m.report.accuracy, p, why, p2, acc3: m3.report.accuracy, error, freed, phases: [...new Set(progress)],
      int8: { smaller: q.length < bytes.length, label: pq[0].label, badQuantize } };
  });
  assert.equal(r.acc, 1);
  assert.equal(r.p[0].label, 'space');
  assert.deepEqual(r.p, r.p2);
  assert.ok(r.int8.smaller, 'int8 weights make a smaller file');
  assert.equal(r.int8.label, 'space');
  assert.match(r.int8.badQuantize, /int8/);
  assert.ok(r.why.for.some((w) => w.term === 'rocket'));
  assert.equal(r.acc3, 1);
  assert.match(r.error.message, /optimizer/);
  assert.equal(r.error.code, 'failed');
  assert.match(r.freed, /freed/);
  assert.deepEqual(r.phases, ['vectorize', 'train', 'evaluate']);
});

test('a model trained in the page predicts like the CLI, and a CLI model predicts like the page (1e-5)', opts, async () => {
  const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  let bin = process.env.TEXTCLF_BIN;
  if (!bin) {
    execFileSync('cargo', ['build', '--release', '--quiet'], { cwd: ROOT, stdio: 'inherit' });
    bin = path.join(ROOT, 'target', 'release', 'textclf');
  }
  const texts = ['the rocket reached orbit around the moon', 'simmer the sauce and bake the bread', 'a late goal won the match'];
  const cliPredict = (file) => execFileSync(bin, ['predict', file, '--json', '--top-k', '3', ...texts], { encoding: 'utf8' })
    .trim().split('\n').map((l) => JSON.parse(l).labels);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'textclf-e2e-'));
  // CLI → browser.
  const cliModel = path.join(dir, 'cli.safetensors');
  execFileSync(bin, ['train', path.join(ROOT, 'examples', 'demo.csv'), '--ngram-range', '1,2', '--out', cliModel, '-q']);
  const fromCli = cliPredict(cliModel);
  const inPage = await page.evaluate(async ({ bytes, texts }) => {
    const api = await import('/www/textclf.js');
    const m = await api.load(new Uint8Array(bytes));
    const out = [];
    for (const t of texts) out.push(await m.predict(t, 3));
    await m.free();
    return out;
  }, { bytes: [...fs.readFileSync(cliModel)], texts });
  // Browser → CLI.
  const trained = await page.evaluate(async ({ texts }) => {
    const api = await import('/www/textclf.js');
    const res = await fetch('/examples/demo.csv');
    const m = await api.train(await res.text(), { testSize: 0.25, ngramRange: [1, 2] });
    const out = [];
    for (const t of texts) out.push(await m.predict(t, 3));
    const bytes = [...(await m.save())];
    await m.free();
    return { out, bytes };
  }, { texts });
  const pageModel = path.join(dir, 'page.safetensors');
  fs.writeFileSync(pageModel, Buffer.from(trained.bytes));
  const fromPageModel = cliPredict(pageModel);
  fs.rmSync(dir, { recursive: true, force: true });
  for (const [a, b] of [[fromCli, inPage], [trained.out, fromPageModel]]) {
    for (let i = 0; i < texts.length; i += 1) {
      assert.deepEqual(a[i].map((x) => x.label), b[i].map((x) => x.label), texts[i]);
      a[i].forEach((x, k) => assert.ok(Math.abs(x.probability - b[i][k].probability) < 1e-5, `${texts[i]}: ${x.probability} vs ${b[i][k].probability}`));
    }
  }
});

test('a CSV with other column names: the preview shows it and the columns can be chosen', opts, async () => {
  const topics = { space: 'rocket orbit launch nasa moon', food: 'bread oven butter recipe garlic', sport: 'goal match team league coach' };
  let csv = 'id,note,body,topic\n';
  let n = 0;
  for (const [label, words] of Object.entries(topics)) {
    const w = words.split(' ');
    for (let i = 0; i < 30; i += 1) csv += `${(n += 1)},x,"${w[i % 5]} ${w[(i + 1) % 5]}, ${w[(i + 3) % 5]}",${label}\n`;
  }
  await page.setInputFiles('#train-file', { name: 'notes.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForFunction(() => /notes\.csv/.test(document.querySelector('#data-status').textContent));
  const headers = await page.$$eval('#preview th', (ths) => ths.map((t) => t.textContent));
  assert.deepEqual(headers, ['id', 'note', 'body', 'topic']);
  assert.ok((await page.$$('#preview tbody tr')).length > 0, 'preview rows are shown');
  await page.getByLabel('Label column').selectOption('topic');
  await page.getByLabel('Text column').selectOption('body');
  await trainAndWait(page);
  assert.match(await page.textContent('#data-status'), /90 documents, 3 labels/);
  assert.ok((await shownAccuracy(page)).value >= 0.9);
});

test('a .zip of label folders is read and trains', opts, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'textclf-e2e-'));
  const zip = path.join(dir, 'corpus.zip');
  const words = { space: ['rocket', 'orbit', 'launch', 'nasa', 'moon'], food: ['bread', 'oven', 'butter', 'recipe', 'garlic'], sport: ['goal', 'match', 'team', 'league', 'coach'] };
  const files = [];
  for (const [label, w] of Object.entries(words)) {
    for (let i = 0; i < 30; i += 1) files.push([`corpus/${label}/${i}.txt`, `${w[i % 5]} ${w[(i + 2) % 5]} and ${w[(i + 3) % 5]} today`]);
  }
  // Python's zipfile writes the archive (no zip library is needed in Node for this test).
  execFileSync('python3', ['-c', 'import json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1],"w",zipfile.ZIP_DEFLATED)\nfor n,t in json.loads(sys.argv[2]): z.writestr(n,t)\nz.close()', zip, JSON.stringify(files)]);
  await page.setInputFiles('#train-file', zip);
  await page.waitForFunction(() => /corpus\.zip/.test(document.querySelector('#data-status').textContent), null, { timeout: 10000 });
  assert.match(await page.textContent('#data-status'), /ZIP archive \(one folder per label\)/);
  await trainAndWait(page);
  assert.match(await page.textContent('#data-status'), /90 documents, 3 labels/, 'all 90 files are read');
  assert.ok((await shownAccuracy(page)).value >= 0.9);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('no console errors and no request off the origin', opts, async (t) => {
  t.diagnostic(`${app.requests.length} requests, all to ${app.origin}`);
  assert.deepEqual(app.consoleErrors, []);
  assert.deepEqual(app.foreignRequests(), []);
});
