/**
 * Grades a text against a rubric with a model. Supplied by the runner (which routes it through an
 * adapter, inside the run budget); constraints only call it. `score` is in [0, 1].
 */
export type JudgeRunner = (options: {
  model: string;
  rubric: string;
  text: string;
  signal: AbortSignal;
}) => Promise<{ score: number; reason: string }>;
