import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUPPORT_ANSWER_FILES } from './support-answer.test-util.js';
import { validateFiles } from './validate-files.js';
import { writeFixtureTree } from './write-fixture-tree.test-util.js';

describe('validateFiles', () => {
  it('accepts a valid mix of workflow, profile and templates files', async () => {
    const root = await writeFixtureTree(SUPPORT_ANSWER_FILES);
    const files = Object.keys(SUPPORT_ANSWER_FILES).map((path) => join(root, path));
    expect(await validateFiles({ files })).toEqual({ ok: true, errors: [] });
  });

  it('reports every problem of every file, by the kind each file declares', async () => {
    const root = await writeFixtureTree({
      'w.yaml':
        'name: w\nversion: 1\nsteps:\n  a:\n    model: scripted:x\n    prompt: { user: "{{ inputs.nope }}" }\n',
      'p.yaml': 'kind: profile\nname: p\nbudget: { attempts: 0 }\n',
      't.json': '{ "kind": "templates", "templates": { "t": { "prompt": "x", "constraints": [] } } }',
    });
    const result = await validateFiles({ files: ['w.yaml', 'p.yaml', 't.json'].map((f) => join(root, f)) });
    expect(result.ok).toBe(false);
    expect(
      result.errors.map((e) => [e.code, e.location?.file.slice(root.length + 1), e.location?.line]),
    ).toEqual([
      ['NC_CFG_INVALID_TEMPLATE_REF', 'w.yaml', 6],
      ['NC_CFG_INVALID_VALUE', 'p.yaml', 3],
      ['NC_CFG_INVALID_VALUE', 't.json', 1],
    ]);
  });

  it('reports an unreadable file as NC_CFG_READ', async () => {
    const root = await writeFixtureTree({});
    const result = await validateFiles({ files: [join(root, 'missing.yaml')] });
    expect(result.errors.map((e) => e.code)).toEqual(['NC_CFG_READ']);
  });
});
