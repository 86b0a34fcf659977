/** The parts of an OpenAPI document the docs page shows. */
export interface OpenApiLike {
  info: { title: string; version: string; description?: string | undefined };
  paths?:
    | Record<
        string,
        Record<string, { summary?: string | undefined; tags?: string[] | undefined } | undefined>
      >
    | undefined;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * A self-contained HTML page listing every route of the OpenAPI document, grouped by tag, with a link
 * to the document itself. No script and no external asset: it works offline and under a strict CSP.
 */
export function renderDocsPage(options: { document: OpenApiLike; specPath: string }): string {
  const { document } = options;
  const groups = new Map<string, string[]>();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation === undefined) continue;
      const tag = operation.tags?.[0] ?? 'other';
      const row = `<tr><td class="m">${method.toUpperCase()}</td><td><code>${escapeHtml(path)}</code></td><td>${escapeHtml(operation.summary ?? '')}</td></tr>`;
      groups.set(tag, [...(groups.get(tag) ?? []), row]);
    }
  }
  const sections = [...groups]
    .map(([tag, rows]) => `<h2>${escapeHtml(tag)}</h2>\n<table>${rows.join('\n')}</table>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(document.info.title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
table{border-collapse:collapse;width:100%}td{border-top:1px solid #ddd;padding:.3rem .5rem;vertical-align:top}
td.m{font-weight:600;width:4rem}code{font-size:14px}</style></head>
<body><h1>${escapeHtml(document.info.title)} ${escapeHtml(document.info.version)}</h1>
<p>${escapeHtml(document.info.description ?? '')}</p>
<p>Machine-readable: <a href="${escapeHtml(options.specPath)}">${escapeHtml(options.specPath)}</a> (OpenAPI 3.1).
Authenticate with <code>Authorization: Bearer &lt;key&gt;</code>.</p>
${sections}
</body></html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
