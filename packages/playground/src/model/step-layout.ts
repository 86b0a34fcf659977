/** A step as the graph needs it. */
export interface GraphStep {
  id: string;
  dependsOn: string[];
}

/** Where a step sits: its column (longest chain of dependencies before it) and row within the column. */
export interface LayoutNode {
  id: string;
  column: number;
  row: number;
}

/** The layered layout of a step graph. */
export interface StepLayout {
  nodes: LayoutNode[];
  /** Dependencies between known steps: `from` runs before `to`. */
  edges: Array<{ from: string; to: string }>;
  columns: number;
  rows: number;
}

/**
 * Lays a DAG of steps out in columns: a step's column is the length of the longest chain of
 * dependencies before it, so every edge points right. Rows keep the steps' order. Dependencies on
 * steps not in the list are left out; a cycle (which the server refuses) cannot loop, it is cut.
 */
export function layoutSteps(steps: readonly GraphStep[]): StepLayout {
  const byId = new Map(steps.map((step) => [step.id, step]));
  const columns = new Map<string, number>();
  const visiting = new Set<string>();
  const columnOf = (id: string): number => {
    const known = columns.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0;
    visiting.add(id);
    const deps = (byId.get(id)?.dependsOn ?? []).filter((dep) => byId.has(dep));
    const column = deps.length === 0 ? 0 : 1 + Math.max(...deps.map(columnOf));
    visiting.delete(id);
    columns.set(id, column);
    return column;
  };
  const rowsUsed = new Map<number, number>();
  const nodes = steps.map((step) => {
    const column = columnOf(step.id);
    const row = rowsUsed.get(column) ?? 0;
    rowsUsed.set(column, row + 1);
    return { id: step.id, column, row };
  });
  const edges = steps.flatMap((step) =>
    step.dependsOn.filter((dep) => byId.has(dep)).map((dep) => ({ from: dep, to: step.id })),
  );
  return {
    nodes,
    edges,
    columns: nodes.length === 0 ? 0 : Math.max(...nodes.map((n) => n.column)) + 1,
    rows: Math.max(0, ...rowsUsed.values()),
  };
}
