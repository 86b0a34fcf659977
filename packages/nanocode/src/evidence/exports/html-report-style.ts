/** The report's inline stylesheet: no fonts, images or other external resources. */
export const HTML_REPORT_STYLE = `
:root { color-scheme: light dark; --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; --move: #0969da; --mute: #6e7781; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; }
h1 { font-size: 1.4rem; margin-bottom: .25rem; }
h2 { font-size: 1.1rem; margin-top: 2rem; border-bottom: 1px solid var(--mute); padding-bottom: .25rem; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .9em; word-break: break-all; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid rgba(110,119,129,.3); }
th { font-weight: 600; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dt { color: var(--mute); }
dd { margin: 0; }
.badge { display: inline-block; padding: .2rem .7rem; border-radius: 1rem; color: #fff; font-weight: 600; }
.badge.certified { background: var(--ok); }
.badge.certified_with_exceptions, .badge.degraded { background: var(--warn); }
.badge.stopped, .badge.error, .badge.incomplete { background: var(--bad); }
.verify { padding: .5rem .75rem; border-left: 4px solid var(--mute); }
.verify.ok { border-color: var(--ok); }
.verify.bad { border-color: var(--bad); }
.ok, .passed { color: var(--ok); }
.bad, .failed, .errored { color: var(--bad); }
.warn, .waived { color: var(--warn); }
.move { color: var(--move); }
.skipped, .plain { color: inherit; }
`;
