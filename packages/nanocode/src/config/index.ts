/** Loading workflow, profile and templates files into one resolved configuration. */

export { matchesGlob } from './check-adapters.js';
export { ConfigLoadError } from './config-load-error.js';
export { digestOf } from './digest-of.js';
export { type Env, resolveSecret } from './env-references.js';
export { generateJsonSchema, JSON_SCHEMA_FILE } from './generate-json-schema.js';
export { type LoadConfigOptions, loadConfig } from './load-config.js';
export { type ResolveConfigOptions, resolveConfig } from './resolve-config.js';
export { DEFAULT_PROFILE } from './resolve-profile.js';
export { resolvedConfigToYaml } from './resolved-config-to-yaml.js';
export { type ValidateFilesOptions, validateFiles } from './validate-files.js';
