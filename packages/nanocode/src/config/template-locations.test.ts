import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigLoadError } from './config-load-error.js';
import { loadConfig } from './load-config.js';
import { writeFixtureTree } from './write-fixture-tree.test-util.js';

const TEMPLATES = `kind: templates
templates:
  intro:
    prompt: "Hello {{ inputs.nmae }}"
  grounded:
    constraints:
      - id: g
        not:
          kind: quotes_in
          source: "{{ inputs.ctx }}"
          case_sensitive: maybe
`;

async function problemsOf(workflow: string) {
  const root = await writeFixtureTree({ 'w.yaml': workflow, 'templates/t.yaml': TEMPLATES });
  const error = await loadConfig({ workflowFile: join(root, 'w.yaml') }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigLoadError);
  return (error as ConfigLoadError).errors.map((e) => [
    e.code,
    e.location?.file.slice(root.length + 1),
    `${e.location?.line}:${e.location?.column}`,
  ]);
}

describe('problems inside templates', () => {
  it('point at the template file, through prompt fragments', async () => {
    const problems = await problemsOf(
      'name: w\nversion: 1\ninputs:\n  name: {}\nsteps:\n  a:\n    model: scripted:x\n    prompt:\n      user: [Hi., { use: intro }]\n',
    );
    expect(problems).toEqual([['NC_CFG_INVALID_TEMPLATE_REF', 'templates/t.yaml', '4:13']]);
  });

  it('point inside `not:` of a template constraint', async () => {
    const problems = await problemsOf(
      'name: w\nversion: 1\nsteps:\n  a:\n    model: scripted:x\n    prompt: { user: hi }\n    constraints:\n      - use: grounded\n',
    );
    expect(problems).toEqual([['NC_CFG_INVALID_TYPE', 'templates/t.yaml', '11:27']]);
  });
});
