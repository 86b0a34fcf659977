import { Ajv2020 } from 'ajv/dist/2020.js';
import { compileConstraint, type JudgeRunner } from '../constraints/index.js';
import type { CompiledConstraint, CustomConstraint } from '../spec/constraint.js';
import type { ResolvedConfig } from '../spec/workflow.js';

/** Everything about a workflow that can be prepared once and reused by many runs. */
export interface CompiledWorkflow {
  /** Output-stage constraints per step id, degrade steps included. */
  constraints: Map<string, CompiledConstraint[]>;
  /** Input-stage constraints: the workflow's and every step's. */
  inputConstraints: CompiledConstraint[];
  /** Validates run inputs against the declared input schema; returns messages, empty when valid. */
  validateInputs(inputs: Record<string, unknown>): string[];
}

/**
 * Compiled workflows by configuration digest: a server loads the same configuration for every request,
 * and compiling schemas and expressions costs far more than a run. Bounded: oldest entries go first.
 */
const cache = new Map<string, CompiledWorkflow>();
const CACHE_MAX = 64;

/**
 * Compiles a resolved configuration's constraints and input schema. Results are cached by the
 * configuration's digest when no custom constraints or judge are passed (those are per-caller).
 */
export function compileWorkflow(options: {
  config: ResolvedConfig;
  custom?: readonly CustomConstraint[];
  judge?: JudgeRunner;
}): CompiledWorkflow {
  const { config } = options;
  const cacheable = options.custom === undefined && options.judge === undefined;
  const cached = cacheable ? cache.get(config.digest) : undefined;
  if (cached) return cached;
  const compile = (constraint: Parameters<typeof compileConstraint>[0]['constraint']) =>
    compileConstraint({
      constraint,
      ...(options.custom === undefined ? {} : { custom: [...options.custom] }),
      ...(options.judge === undefined ? {} : { judge: options.judge }),
    });
  const constraints = new Map<string, CompiledConstraint[]>();
  const inputConstraints = config.workflow.constraints.filter((c) => c.stage === 'input').map(compile);
  const allSteps = { ...config.workflow.steps, ...config.workflow.degrade_steps };
  for (const [id, step] of Object.entries(allSteps)) {
    constraints.set(id, step.constraints.filter((c) => c.stage === 'output').map(compile));
    inputConstraints.push(...step.constraints.filter((c) => c.stage === 'input').map(compile));
  }
  const compiled: CompiledWorkflow = {
    constraints,
    inputConstraints,
    validateInputs: inputValidator(config),
  };
  if (cacheable) {
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
    cache.set(config.digest, compiled);
  }
  return compiled;
}

function inputValidator(config: ResolvedConfig): (inputs: Record<string, unknown>) => string[] {
  const declared = config.workflow.inputs;
  const required = Object.entries(declared)
    .filter(([, schema]) => !Object.hasOwn(schema, 'default'))
    .map(([name]) => name);
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile({
    type: 'object',
    properties: declared,
    required,
    additionalProperties: false,
  });
  return (inputs) => {
    if (validate(inputs)) return [];
    return (validate.errors ?? []).map((e) => {
      const where = e.instancePath ? `input ${e.instancePath.slice(1).replaceAll('/', '.')}` : 'inputs';
      const extra =
        e.keyword === 'additionalProperties' ? ` (\`${String(e.params.additionalProperty)}\`)` : '';
      return `${where} ${e.message ?? 'is invalid'}${extra}`;
    });
  };
}
