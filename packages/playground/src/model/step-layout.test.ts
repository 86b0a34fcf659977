import { describe, expect, it } from 'vitest';
import { AUDIENCE_SWITCHER_RUN, IDEA_TO_RISKS_RUN } from '../fixtures/recorded.js';
import { buildRunModel } from './run-model.js';
import { layoutSteps } from './step-layout.js';

describe('layoutSteps', () => {
  it('puts a chain in successive columns (idea-to-risks, recorded)', () => {
    const layout = layoutSteps(buildRunModel(IDEA_TO_RISKS_RUN.events).steps);
    expect(layout.nodes).toEqual([
      { id: 'spec', column: 0, row: 0 },
      { id: 'tests', column: 1, row: 0 },
      { id: 'risks', column: 2, row: 0 },
    ]);
    expect(layout.edges).toEqual([
      { from: 'spec', to: 'tests' },
      { from: 'spec', to: 'risks' },
      { from: 'tests', to: 'risks' },
    ]);
    expect([layout.columns, layout.rows]).toEqual([3, 1]);
  });

  it('stacks independent steps in one column (audience-switcher, recorded)', () => {
    const layout = layoutSteps(buildRunModel(AUDIENCE_SWITCHER_RUN.events).steps);
    expect(layout.nodes.every((node) => node.column === 0)).toBe(true);
    expect(layout.nodes.map((node) => node.row).sort()).toEqual([0, 1, 2, 3]);
    expect(layout.edges).toEqual([]);
  });

  it('uses the longest chain, ignores unknown steps and survives a cycle', () => {
    const layout = layoutSteps([
      { id: 'a', dependsOn: [] },
      { id: 'b', dependsOn: ['a', 'ghost'] },
      { id: 'c', dependsOn: ['a', 'b'] },
      { id: 'x', dependsOn: ['y'] },
      { id: 'y', dependsOn: ['x'] },
    ]);
    expect(layout.nodes.find((n) => n.id === 'c')?.column).toBe(2);
    expect(layout.edges.some((edge) => edge.from === 'ghost')).toBe(false);
    expect(layout.nodes).toHaveLength(5);
  });

  it('is empty for no steps', () => {
    expect(layoutSteps([])).toEqual({ nodes: [], edges: [], columns: 0, rows: 0 });
  });
});
