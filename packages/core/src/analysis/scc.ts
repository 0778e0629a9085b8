/** A directed graph over nodes 0..n-1 in compressed adjacency form. */
export interface IndexGraph {
  n: number;
  /** Successors of node v are `adj[start[v]] .. adj[start[v + 1] - 1]`. */
  start: Int32Array;
  adj: Int32Array;
}

export function indexGraph(n: number, edges: ReadonlyArray<readonly [number, number]>): IndexGraph {
  const start = new Int32Array(n + 1);
  for (const [a] of edges) start[a + 1]!++;
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, n);
  const adj = new Int32Array(edges.length);
  for (const [a, b] of edges) adj[fill[a]!++] = b;
  return { n, start, adj };
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
