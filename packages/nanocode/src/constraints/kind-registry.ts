import type { KindFactories } from './kind-factory.js';
import { endsWithKind, startsWithKind } from './kinds/affixes.js';
import { costKind, latencyKind, tokensKind } from './kinds/budget.js';
import { codeBlockKind } from './kinds/code-block.js';
import { containsAllKind, containsAnyKind, containsKind, notContainsKind } from './kinds/contains.js';
import { customKind } from './kinds/custom.js';
import { equalsKind, oneOfKind } from './kinds/equality.js';
import { exprKind } from './kinds/expr.js';
import { containsJsonKind, isJsonKind } from './kinds/json.js';
import { jsonSchemaKind } from './kinds/json-schema.js';
import { judgeKind } from './kinds/judge.js';
import { languageKind } from './kinds/language.js';
import { levenshteinKind } from './kinds/levenshtein.js';
import { piiKind } from './kinds/pii.js';
import { groundedKind, quotesInKind } from './kinds/quotes.js';
import { notRegexKind, regexKind } from './kinds/regex.js';
import { maxLengthKind, maxWordsKind, minLengthKind, minWordsKind } from './kinds/text-length.js';
import { urlValidKind } from './kinds/url-valid.js';

/** The factory of every constraint kind. The type makes a missing kind a compile error. */
export const KIND_FACTORIES: KindFactories = {
  json_schema: jsonSchemaKind,
  regex: regexKind,
  not_regex: notRegexKind,
  contains: containsKind,
  contains_any: containsAnyKind,
  contains_all: containsAllKind,
  not_contains: notContainsKind,
  equals: equalsKind,
  one_of: oneOfKind,
  min_length: minLengthKind,
  max_length: maxLengthKind,
  min_words: minWordsKind,
  max_words: maxWordsKind,
  starts_with: startsWithKind,
  ends_with: endsWithKind,
  is_json: isJsonKind,
  contains_json: containsJsonKind,
  levenshtein: levenshteinKind,
  pii: piiKind,
  quotes_in: quotesInKind,
  grounded: groundedKind,
  language: languageKind,
  url_valid: urlValidKind,
  code_block: codeBlockKind,
  latency_ms: latencyKind,
  cost_usd: costKind,
  tokens: tokensKind,
  expr: exprKind,
  judge: judgeKind,
  custom: customKind,
};
