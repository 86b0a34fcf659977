/** The kinds of personal data the `pii` constraint and the `redact_pii` repair detect. */
export const PII_TYPES = ['email', 'phone', 'credit_card', 'iban', 'ssn', 'ip'] as const;

/** One kind of personal data. */
export type PiiType = (typeof PII_TYPES)[number];
