import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { IDEA_TO_RISKS_RUN } from '../fixtures/recorded.js';
import { buildRunModel } from '../model/run-model.js';
import { StepGraph } from './StepGraph.js';

afterEach(cleanup);

describe('StepGraph (recorded idea-to-risks run)', () => {
  it('draws a node per step and an arrow per dependency, and says the same in words', () => {
    render(<StepGraph steps={buildRunModel(IDEA_TO_RISKS_RUN.events).steps} />);
    const figure = screen.getByRole('figure', { name: 'Step graph' });
    const svg = figure.querySelector('svg');
    expect(svg?.getAttribute('aria-hidden')).toBe('true');
    expect(svg?.querySelectorAll('rect')).toHaveLength(3);
    expect(svg?.querySelectorAll('path[marker-end]')).toHaveLength(3);
    expect(
      within(figure)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'spec — released, runs first',
      'tests — released, after spec',
      'risks — released, after spec, tests',
    ]);
  });
});
