/**
 * Why the events cannot back a predicate: they are malformed (`malformed_events`), or the summary in
 * `run.completed` says something its own events contradict (`summary_mismatch`). `seq` is the first event
 * at fault and `path` points into it (or into the predicate).
 */
export interface SummaryIssue {
  reason: 'malformed_events' | 'summary_mismatch';
  seq: number;
  path: string;
  message: string;
}
