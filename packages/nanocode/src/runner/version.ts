/** The framework version recorded in run headers and certificates. Kept in step with package.json by a test. */
export const FRAMEWORK_VERSION = '0.1.0';
