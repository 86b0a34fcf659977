/** The workflow (and optional profile) a chat `model` string names. */
export interface ModelName {
  workflow: string;
  profile?: string;
}

// Workflow and profile names as the config schema allows them.
const NAME = '[A-Za-z0-9][A-Za-z0-9_.-]*';
const MODEL = new RegExp(`^(${NAME})(?:@(${NAME}))?$`);

/**
 * Reads `workflow` or `workflow@profile`. Returns undefined when the string cannot name a workflow, so
 * the caller answers "model not found" rather than guessing.
 */
export function parseModel(options: { model: string }): ModelName | undefined {
  const match = MODEL.exec(options.model);
  if (match === null) return undefined;
  const [, workflow, profile] = match;
  if (workflow === undefined) return undefined;
  return profile === undefined ? { workflow } : { workflow, profile };
}
