// Feature detection for WebAssembly SIMD128, to choose between the two builds made by
// scripts/build-wasm.sh: www/pkg/simd/ (needs SIMD128) and www/pkg/scalar/ (any browser).
//
//   import { simdSupported } from './simd-detect.js';
//   const variant = (await simdSupported()) ? 'simd' : 'scalar';
//   const { default: init, Session } = await import(`./pkg/${variant}/textclf.js`);
//
// Works in pages, workers and Node (no DOM use).

// (module (func (result v128) i32.const 0 i8x16.splat)): a module that only validates when
// the engine knows SIMD128 (v128 result type, opcode 0xfd 0x0f).
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0, 253, 15, 11,
]);

let cached;

/**
 * Whether this engine supports WebAssembly SIMD128 (`WebAssembly.validate` of a tiny SIMD
 * module; false when WebAssembly itself is missing). The answer is computed once.
 * @returns {Promise<boolean>}
 */
export async function simdSupported() {
  if (cached === undefined) {
    try {
      cached = typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
    } catch {
      cached = false;
    }
  }
  return cached;
}

/**
 * The build to load: `'simd'` or `'scalar'` (the directory under `www/pkg/`).
 * @returns {Promise<'simd' | 'scalar'>}
 */
export async function wasmVariant() {
  return (await simdSupported()) ? 'simd' : 'scalar';
}
