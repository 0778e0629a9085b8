/**
 * A compact encoding for the index cache: plain data (what JSON.stringify keeps), stored as JSON that parses
 * fast (a table of distinct strings, a table of keys lists, and one flat array of small integers), decoded by
 * one walk over the integers. Every string is stored once; key order is kept.
 *
 * Codes: -1 - n for the integer n ≥ 0; 0 null, 1 false, 2 true, 3 n: array of n values, 4 i: numbers[i];
 * 6 + 2i: strings[i]; 7 + 2s: an object with the keys of shapes[s], then its values.
 */
export interface Packed {
  format: typeof PACK_FORMAT;
  shapes: string[][];
  strings: string[];
  numbers: number[];
  code: number[];
}

export const PACK_FORMAT = 'plansight-pack-2';

export function pack(value: unknown): Packed {
  const shapes: string[][] = [];
  const shapeIds = new Map<string, number>();
  const strings: string[] = [];
  const stringIds = new Map<string, number>();
  const numbers: number[] = [];
  const code: number[] = [];
  const enc = (v: unknown): void => {
    if (typeof v === 'string') {
      let n = stringIds.get(v);
      if (n === undefined) {
        n = strings.length;
        strings.push(v);
        stringIds.set(v, n);
      }
      code.push(6 + 2 * n);
    } else if (typeof v === 'number') {
      if (Number.isSafeInteger(v) && v >= 0 && !Object.is(v, -0)) code.push(-1 - v);
      else if (Number.isFinite(v)) code.push(4, numbers.push(v) - 1);
      else code.push(0);
    } else if (v === null || v === undefined || typeof v === 'function' || typeof v === 'symbol') code.push(0);
    else if (typeof v === 'boolean') code.push(v ? 2 : 1);
    else if (typeof v === 'bigint') throw new TypeError('cannot pack a BigInt');
    else {
      const json = (v as { toJSON?: () => unknown }).toJSON;
      if (typeof json === 'function') return enc(json.call(v));
      if (Array.isArray(v)) {
        code.push(3, v.length);
        for (const x of v) enc(x);
        return;
      }
      const keys: string[] = [];
      for (const k of Object.keys(v)) {
        const x = (v as Record<string, unknown>)[k];
        if (x !== undefined && typeof x !== 'function' && typeof x !== 'symbol') keys.push(k);
      }
      const sk = keys.join('\u0000');
      let id = shapeIds.get(sk);
      if (id === undefined) {
        id = shapes.length;
        shapes.push(keys);
        shapeIds.set(sk, id);
      }
      code.push(7 + 2 * id);
      for (const k of keys) enc((v as Record<string, unknown>)[k]);
    }
  };
  enc(value);
  return { format: PACK_FORMAT, shapes, strings, numbers, code };
}

/** The value `pack` was given (as JSON would have kept it). Throws on input `pack` did not make. */
export function unpack(packed: Packed): unknown {
  if (!packed || packed.format !== PACK_FORMAT || !Array.isArray(packed.code)) throw new Error('not a packed value');
  const { strings, numbers, code } = packed;
  let pos = 0;
  const next = (): unknown => {
    const c = code[pos++]!;
    if (c < 0) return -1 - c;
    if (c >= 6) {
      if ((c & 1) === 0) return strings[(c - 6) >> 1];
      const make = makers[(c - 7) >> 1];
      if (!make) throw new Error(`packed value: bad code ${c} at ${pos - 1}`);
      return make(next);
    }
    switch (c) {
      case 0:
        return null;
      case 1:
        return false;
      case 2:
        return true;
      case 3: {
        const n = code[pos++]!;
        const out = new Array<unknown>(n);
        for (let i = 0; i < n; i++) out[i] = next();
        return out;
      }
      case 4:
        return numbers[code[pos++]!];
      default:
        throw new Error(`packed value: bad code ${c} at ${pos - 1}`);
    }
  };
  const makers = packed.shapes.map(maker);
  const value = next();
  if (pos !== code.length) throw new Error('packed value: trailing data');
  return value;
}

type Maker = (next: () => unknown) => Record<string, unknown>;

/** An object literal per shape: V8 builds it with one hidden class, values read in key order. */
function maker(keys: string[]): Maker {
  if (keys.includes('__proto__')) {
    return (next) => {
      const o: Record<string, unknown> = {};
      for (const k of keys) Object.defineProperty(o, k, { value: next(), enumerable: true, writable: true, configurable: true });
      return o;
    };
  }
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function('next', `return {${keys.map((k) => `${JSON.stringify(k)}: next()`).join(', ')}};`) as Maker;
}
