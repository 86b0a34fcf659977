export type { ExportInput } from './summarize-run.js';
export { type BundleFiles, toBundleFiles } from './to-bundle-files.js';
export { toHtmlReport } from './to-html-report.js';
export { toJunitXml } from './to-junit-xml.js';
export { toOtlpJsonLines } from './to-otlp-json-lines.js';
export { SARIF_SCHEMA_URI, toSarif } from './to-sarif.js';

/** The formats `nanocode cert export --format` accepts. */
export const EXPORT_FORMATS = ['bundle', 'otlp', 'junit', 'sarif', 'html'] as const;
/** One export format. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
