// Types of www/textclf.js, the browser API of textclf (hand-written; keep in step with
// textclf.js and with src/options.rs / src/wasm.rs, whose shapes these mirror).

/** Training data or test data. A CSV string has a `label,text` header (or set labelCol/textCol). */
export type Input = File | Blob | string | ArrayBuffer | ArrayBufferView | { texts: string[]; labels: string[] };

/** A document-frequency bound: an integer is a count of documents, a non-integer a fraction;
 * as a string, a decimal point makes it a fraction ("1.0" = all documents). */
export type DfBound = number | string;

/** How to read a file (applies to the training and the test input). */
export interface ReadOptions {
  /** "csv" | "tsv" | "jsonl" | "folder"/"zip"; guessed from the name and content when absent. */
  format?: string;
  /** Column (CSV/TSV header, JSON key) holding the label; default "label". */
  labelCol?: string;
  /** Column holding the text; default "text". */
  textCol?: string;
}

/** The CLI's training flags in camelCase; absent means the CLI default. */
export interface TrainOptions {
  /** "english", "none" (default) or your own list of words. */
  stopWords?: 'english' | 'none' | string[];
  /** [min, max] n-gram lengths; default [1, 1]. */
  ngramRange?: [number, number];
  /** Default 1. */
  minDf?: DfBound;
  /** Default "1.0". */
  maxDf?: DfBound;
  /** Keep only the most frequent terms; default all. */
  maxFeatures?: number;
  /** 1 + log(tf); default false. */
  sublinearTf?: boolean;
  /** Default true. */
  smoothIdf?: boolean;
  /** Default true. */
  lowercase?: boolean;
  /** Default "adam". */
  optimizer?: 'adam' | 'batch' | 'sgd' | 'minibatch';
  /** Default per optimizer (adam 10, batch 300, sgd/minibatch 20). */
  epochs?: number;
  /** Default per optimizer (adam 0.03, batch 20, sgd 0.2, minibatch 2). */
  learningRate?: number;
  /** Default 32. */
  batchSize?: number;
  /** L2 penalty; default 1 / number of training documents. */
  l2?: number;
  /** Shuffling and test split seed; default 42. */
  seed?: number;
  /** Hold out this fraction of the training data for the report (when `test` is absent). */
  testSize?: number;
}

/** Options of `train()`: training options, read options, a test set and a cancel signal. */
export interface ApiTrainOptions extends TrainOptions, ReadOptions {
  /** A separate test set (same kinds of input as the training data). */
  test?: Input;
  /** Aborting it cancels training (the promise rejects with code "cancelled"). */
  signal?: AbortSignal;
}

export type Progress =
  | { phase: 'vectorize' | 'transform'; done: number; total: number; elapsedMs: number }
  | {
      phase: 'train';
      epoch: number;
      epochs: number;
      /** Of the whole run, in [0, 1]. */
      fraction: number;
      trainLoss: number | null;
      validLoss: number | null;
      etaMs: number | null;
      prepared: { nTrain: number; nTest: number; nFeatures: number; nnz: number; epochs: number };
      elapsedMs: number;
    }
  | { phase: 'evaluate'; elapsedMs: number };

export interface ClassMetrics {
  precision: number;
  recall: number;
  'f1-score': number;
  support: number;
}

/** scikit-learn's classification_report(output_dict=True) plus what the CLI and page add. */
export interface Report {
  [label: string]: ClassMetrics | unknown;
  accuracy: number;
  'macro avg': ClassMetrics;
  'weighted avg': ClassMetrics;
  labels: string[];
  /** Rows: true label, columns: predicted, in `labels` order. */
  confusion_matrix: number[][];
  n_train: number;
  n_test: number;
  n_features: number;
  timings_ms: { read: number; vectorize: number; train: number; predict: number };
  loss_curve: { epoch: number; train_loss: number; valid_loss: number | null }[];
  /** At most 200, most confident mistakes first; `text` is the first 600 characters. */
  misclassified: { index: number; true: string; predicted: string; probability: number; text: string }[];
  /** The 15 terms with the largest weight per class. */
  top_terms: Record<string, { term: string; weight: number }[]>;
  config: unknown;
}

export interface Prediction {
  label: string;
  probability: number;
}

export interface Explanation {
  for: { term: string; weight: number }[];
  against: { term: string; weight: number }[];
}

/** Summary of loaded data. */
export interface LoadSummary {
  documents: number;
  labels: string[];
  records: number;
  /** Documents decoded as Latin-1 because they were not valid UTF-8. */
  latin1_documents: number;
  skipped: number;
  /** One line per kind of skip, e.g. "3 records with an empty label, first at train.csv line 17". */
  skip_reasons: string[];
}

/** Codes of `TextclfError`. */
export declare const Code: {
  readonly CANCELLED: 'cancelled';
  readonly BUSY: 'busy';
  readonly BAD_REQUEST: 'bad-request';
  readonly FAILED: 'failed';
};

/** Every error of this API; `message` is in plain words (from the core when it failed there). */
export declare class TextclfError extends Error {
  code: 'cancelled' | 'busy' | 'bad-request' | 'failed';
}

/** A trained or loaded classifier; it lives in the worker, call `free()` when done. */
export declare class Model {
  readonly id: number | null;
  /** null for a loaded model or one trained without test data. */
  readonly report: Report | null;
  readonly labels: string[];
  predict(text: string, topK?: number): Promise<Prediction[]>;
  explain(text: string, label: string, n?: number): Promise<Explanation>;
  /** The model file (currently JSON). */
  /** The model file (safetensors); `quantize: 'int8'` stores int8 weights (about 4× smaller). */
  save(options?: { quantize?: 'none' | 'int8' }): Promise<Uint8Array>;
  free(): Promise<void>;
}

/** Loaded data kept in the worker, to train on it more than once. */
export declare class Session {
  static open(): Promise<Session>;
  loadTrain(input: Input, read?: ReadOptions): Promise<LoadSummary>;
  loadTest(input: Input, read?: ReadOptions): Promise<LoadSummary>;
  clearTest(): Promise<null>;
  train(options?: TrainOptions, onProgress?: ((p: Progress) => void) | null, signal?: AbortSignal | null): Promise<Model>;
  cancel(): Promise<{ cancelled: boolean }>;
  close(): Promise<null>;
}

export declare function train(input: Input, options?: ApiTrainOptions, onProgress?: ((p: Progress) => void) | null): Promise<Model>;
export declare function load(urlOrBytes: string | URL | ArrayBuffer | ArrayBufferView | Blob): Promise<Model>;
export declare function preview(input: Exclude<Input, { texts: string[]; labels: string[] }>, maxRows?: number): Promise<{ format: string; columns: string[]; rows: string[][] }>;
export declare function info(): Promise<{ build: 'simd' | 'scalar'; memoryBytes: number }>;
export declare function memory(): Promise<{ wasmBytes: number; peakWasmBytes: number; jsHeapBytes: number | null }>;
export declare function splitOptions(options?: ApiTrainOptions): {
  read: ReadOptions;
  trainOptions: TrainOptions;
  test: Input | undefined;
  signal: AbortSignal | undefined;
};
