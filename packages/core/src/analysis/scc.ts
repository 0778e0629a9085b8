/** A directed graph over nodes 0..n-1 in compressed adjacency form. */
export interface IndexGraph {
  n: number;
  /** Successors of node v are `adj[start[v]] .. adj[start[v + 1] - 1]`. */
  start: Int32Array;
  adj: Int32Array;
}

/** The graph of the edges `from[i] → to[i]`, given as two columns. */
export function indexGraph(n: number, from: ArrayLike<number>, to: ArrayLike<number>): IndexGraph {
  const { at, list } = grouped(n, (emit) => {
    for (let i = 0; i < from.length; i++) emit(from[i]!, to[i]!);
  });
  return { n, start: at, adj: list };
}

/**
 * Values grouped by key `0..count-1`, in the order `fill` emits them, in compressed form: key c's values are
 * `list[at[c]] .. list[at[c + 1] - 1]`. `fill` runs twice: once to count, once to place.
 */
export function grouped(count: number, fill: (emit: (key: number, value: number) => void) => void): { at: Int32Array; list: Int32Array } {
  const at = new Int32Array(count + 1);
  fill((key) => at[key + 1]!++);
  for (let c = 0; c < count; c++) at[c + 1]! += at[c]!;
  const list = new Int32Array(at[count]!);
  const next = at.slice(0, count);
  fill((key, value) => (list[next[key]!++] = value));
  return { at, list };
}

/**
 * Tarjan's strongly connected components, iterative (an explicit stack, no recursion), so 100k-node chains do
 * not overflow. Returns the component index of every node; components are numbered in reverse topological order
 * of the condensation (a component's successors have smaller numbers).
 */
export function stronglyConnected(g: IndexGraph): { comp: Int32Array; count: number } {
  const { n, start, adj } = g;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const comp = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  let sp = 0;
  const callV = new Int32Array(n);
  const callE = new Int32Array(n);
  let cp = 0;
  let next = 0;
  let count = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    callV[0] = root;
    callE[0] = start[root]!;
    cp = 1;
    index[root] = low[root] = next++;
    stack[sp++] = root;
    onStack[root] = 1;
    while (cp > 0) {
      const v = callV[cp - 1]!;
      const e = callE[cp - 1]!;
      if (e < start[v + 1]!) {
        callE[cp - 1] = e + 1;
        const w = adj[e]!;
        if (index[w] === -1) {
          index[w] = low[w] = next++;
          stack[sp++] = w;
          onStack[w] = 1;
          callV[cp] = w;
          callE[cp] = start[w]!;
          cp++;
        } else if (onStack[w] && index[w]! < low[v]!) low[v] = index[w]!;
        continue;
      }
      cp--;
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack[--sp]!;
          onStack[w] = 0;
          comp[w] = count;
        } while (w !== v);
        count++;
      }
      if (cp > 0) {
        const parent = callV[cp - 1]!;
        if (low[v]! < low[parent]!) low[parent] = low[v]!;
      }
    }
  }
  return { comp, count };
}
