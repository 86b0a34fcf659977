import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { NanocodeError } from '../../spec/errors.js';
import type { Verdict } from '../../spec/verdict.js';
import { checkedValue, subjectName } from '../checked-subject.js';
import { clipValue } from '../clip-value.js';
import type { KindFactory } from '../kind-factory.js';
import { joinPointer } from '../select-field.js';

/**
 * `json_schema`: the selected value (by default the parsed output) validates against a JSON Schema
 * (draft 2020-12, ajv with ajv-formats). The schema compiles once; a schema that does not compile is a
 * config error. Each ajv error becomes evidence at its instance path, e.g. `$.quotes[0]`.
 */
export const jsonSchemaKind: KindFactory<'json_schema'> = ({ constraint }) => {
  const validate = compileSchema({ schema: constraint.schema, id: constraint.id });
  return {
    async: false,
    evaluate(ctx): Verdict {
      const subject = checkedValue({ ctx, field: constraint.field, stage: constraint.stage });
      if (!subject.ok) return subject.verdict;
      if (validate(subject.value)) {
        return { status: 'pass', message: `${subjectName(constraint)} matches the schema`, evidence: [] };
      }
      const errors: ErrorObject[] = validate.errors ?? [];
      const evidence = errors.map((error) => ({
        path: joinPointer({ base: subject.path, pointer: error.instancePath }),
        value: clipValue(error.message ?? error.keyword),
      }));
      const shown = evidence
        .slice(0, 3)
        .map((e) => `${e.path} ${e.value}`)
        .join('; ');
      const more = errors.length > 3 ? ` (+${errors.length - 3} more)` : '';
      return { status: 'fail', message: `schema violations: ${shown}${more}`, evidence };
    },
  };
};

function compileSchema(options: { schema: Record<string, unknown>; id: string }): ValidateFunction {
  // One ajv instance per constraint keeps schemas isolated (no clashing `$id`s across workflows).
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  formats.default(ajv);
  try {
    return ajv.compile(options.schema);
  } catch (cause) {
    throw new NanocodeError({
      code: 'NC_CFG_INVALID_PARAMS',
      message: `constraint \`${options.id}\`: the JSON Schema does not compile: ${(cause as Error).message}`,
      cause,
    });
  }
}
