import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEMOS } from './DemoCatalog.js';

const examples = join(dirname(fileURLToPath(import.meta.url)), '../../../../examples');

describe('demo catalog', () => {
  it("keeps each demo's inputs equal to its example's inputs.json (or none when the example has none)", () => {
    for (const demo of DEMOS) {
      expect(existsSync(join(examples, demo.workflow, 'workflow.yaml')), demo.workflow).toBe(true);
      const file = join(examples, demo.workflow, 'inputs.json');
      if (existsSync(file))
        expect(demo.inputs, demo.workflow).toEqual(JSON.parse(readFileSync(file, 'utf8')));
      else expect(demo.inputs, demo.workflow).toBeUndefined();
    }
    expect(DEMOS.map((demo) => demo.workflow)).toEqual([
      'constraint-playground',
      'idea-to-risks',
      'audience-switcher',
    ]);
  });
});
