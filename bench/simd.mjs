// SIMD128 vs scalar WebAssembly builds, end to end in Node: for each build made by
// scripts/build-wasm.sh (www/pkg/simd, www/pkg/scalar), load the data into a Session, then
// time prepare (split + vectorize) + train + finish (evaluate), the way the page's worker
// drives it. Runs alternate between the builds; the medians and the scalar/SIMD ratios are
// printed and written to bench/results/simd-<time>.json.
//
//   npm run bench:simd                    # builds, then 3 runs per build on 20 Newsgroups
//   node bench/simd.mjs --runs 5 [--data DIR] [--steps N]
//   node bench/simd.mjs --smoke           # 1 run per build on examples/demo.csv (a check)
//
// Data: DIR/20news-bydate-{train,test}.csv.gz, DIR = --data, $TEXTCLF_DATA_DIR or ../shared/data.
// Settings: the seed configuration {maxDf: 0.5, maxFeatures: 1000, stopWords: 'english'}.
import { readFileSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};

const smoke = flag('--smoke');
const runs = Number(value('--runs', smoke ? 1 : 3));
const steps = Number(value('--steps', 1000)); // steps per trainSteps call, like the worker's slices
const dataDir = resolve(value('--data', process.env.TEXTCLF_DATA_DIR || join(root, '..', 'shared', 'data')));
const options = { maxDf: 0.5, maxFeatures: 1000, stopWords: 'english' };

let train, test;
if (smoke) {
  train = { name: 'demo.csv', bytes: readFileSync(join(root, 'examples', 'demo.csv')) };
  options.testSize = 0.25;
  delete options.maxDf; // 60 documents: keep every term
} else {
  const tr = join(dataDir, '20news-bydate-train.csv.gz');
  const te = join(dataDir, '20news-bydate-test.csv.gz');
  if (!existsSync(tr) || !existsSync(te)) {
    console.error(`[bench:simd] 20 Newsgroups not found in ${dataDir} (use --data DIR or --smoke)`);
    process.exit(1);
  }
  train = { name: 'train.csv.gz', bytes: readFileSync(tr) };
  test = { name: 'test.csv.gz', bytes: readFileSync(te) };
}

async function load(variant) {
  const dir = join(root, 'www', 'pkg', variant);
  const glue = await import(join(dir, 'textclf.js'));
  await glue.default({ module_or_path: readFileSync(join(dir, 'textclf_bg.wasm')) });
  return glue;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function once(glue) {
  const session = new glue.Session();
  try {
    session.loadTrain(train.name, train.bytes, undefined);
    if (test) session.loadTest(test.name, test.bytes, undefined);
    const t0 = performance.now();
    session.prepare(options, undefined);
    const t1 = performance.now();
    let slices = 0;
    while (!session.trainSteps(steps).done) slices += 1;
    const t2 = performance.now();
    const model = session.finish();
    const t3 = performance.now();
    const report = model.report();
    model.free();
    return {
      total: t3 - t0,
      prepare: t1 - t0,
      train: t2 - t1,
      finish: t3 - t2,
      slices: slices + 1,
      accuracy: report.accuracy,
      nFeatures: report.n_features,
    };
  } finally {
    session.free();
  }
}

const builds = { simd: await load('simd'), scalar: await load('scalar') };
const detect = await import(join(root, 'www', 'simd-detect.js'));
console.log(`[bench:simd] node ${process.version}, SIMD128 supported: ${await detect.simdSupported()}`);
console.log(`[bench:simd] data: ${smoke ? 'examples/demo.csv (smoke)' : dataDir}; options ${JSON.stringify(options)}; ${runs} run(s) per build`);

const results = { simd: [], scalar: [] };
for (let r = 0; r < runs; r++) {
  // Alternate the order so that neither build always runs on a warmer machine.
  const order = r % 2 ? ['scalar', 'simd'] : ['simd', 'scalar'];
  for (const v of order) {
    const x = once(builds[v]);
    results[v].push(x);
    console.log(
      `[bench:simd] run ${r + 1} ${v.padEnd(6)} total ${x.total.toFixed(0)} ms (prepare ${x.prepare.toFixed(0)}, train ${x.train.toFixed(0)}, finish ${x.finish.toFixed(0)}), accuracy ${x.accuracy.toFixed(4)}`,
    );
  }
}

const keys = ['total', 'prepare', 'train', 'finish'];
const summary = {};
for (const v of ['simd', 'scalar']) {
  summary[v] = Object.fromEntries(keys.map((k) => [k, median(results[v].map((x) => x[k]))]));
  summary[v].accuracy = results[v][0].accuracy;
}
summary.ratio = Object.fromEntries(keys.map((k) => [k, summary.scalar[k] / summary.simd[k]]));

console.log('\n[bench:simd] medians (ms)      simd   scalar   scalar/simd');
for (const k of keys) {
  console.log(
    `[bench:simd] ${k.padEnd(18)} ${summary.simd[k].toFixed(1).padStart(8)} ${summary.scalar[k].toFixed(1).padStart(8)} ${summary.ratio[k].toFixed(2).padStart(10)}x`,
  );
}
console.log(`[bench:simd] accuracy: simd ${summary.simd.accuracy.toFixed(4)}, scalar ${summary.scalar.accuracy.toFixed(4)}`);
if (Math.abs(summary.simd.accuracy - summary.scalar.accuracy) > 0.01) {
  console.error('[bench:simd] the two builds disagree on accuracy by more than 0.01');
  process.exit(1);
}

if (!smoke) {
  const out = join(root, 'bench', 'results');
  mkdirSync(out, { recursive: true });
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const file = join(out, `simd-${stamp}.json`);
  writeFileSync(file, JSON.stringify({ node: process.version, options, runs, steps, summary, results }, null, 2) + '\n');
  console.log(`[bench:simd] wrote ${file}`);
}
