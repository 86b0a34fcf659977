import type { ReactNode } from 'react';

/** How a demo's result is best shown. */
export type DemoResultKind = 'verdicts' | 'chain' | 'variants';

/** One seed demo: an example workflow of the server, why it is worth a look, and its sample inputs. */
export interface DemoSpec {
  /** The workflow name the server knows it by (`examples/<name>/workflow.yaml`). */
  workflow: string;
  title: string;
  explanation: ReactNode;
  /**
   * The example's `inputs.json`, copied (the browser cannot read the server's files; a test keeps the
   * copy equal to the file). Undefined when the example has none: the workflow's defaults fill the form.
   */
  inputs: Record<string, unknown> | undefined;
  result: DemoResultKind;
}

/** The three seed demos, in the order the playground shows them. */
export const DEMOS: readonly DemoSpec[] = [
  {
    workflow: 'constraint-playground',
    title: 'Constraint playground',
    explanation: (
      <>
        One short product blurb checked by thirteen constraints at once (length, sentences, language, links,
        personal data, banned words, a regular expression, cost, tokens, a CEL expression) plus one input
        check. The result lists every constraint with the server's final status and its last verdict. Try a
        product name over 60 characters: the input check refuses it and the run stops.
      </>
    ),
    inputs: undefined,
    result: 'verdicts',
  },
  {
    workflow: 'idea-to-risks',
    title: 'Idea → spec → tests → risks',
    explanation: (
      <>
        A chain of steps, each reading the one before: a product idea becomes a JSON spec (repaired if the
        model wraps it in prose), acceptance tests for that spec, and a list of risks. The result shows each
        step's released output in dependency order.
      </>
    ),
    inputs: { idea: 'A grocery list two people can edit together' },
    result: 'chain',
  },
  {
    workflow: 'audience-switcher',
    title: 'Audience switcher',
    explanation: (
      <>
        One announcement rewritten for four audiences by four independent steps running at once: a child, an
        executive, an engineer and a social post. Each has its own constraint; the post must not leak personal
        data, so its first draft is retried. The variants are shown side by side.
      </>
    ),
    inputs: {
      message:
        'We now attach a signed, offline-verifiable certificate to every LLM run, listing each constraint enforced or waived.',
    },
    result: 'variants',
  },
];
