import { type MouseEvent, type ReactNode, useState } from 'react';
import { certificateUrl, downloadExport, downloadsNeedKey, exportFileName } from '../api/certificates.js';
import { describeError } from '../api/client.js';
import { EXPORT_FORMATS, type ExportFormat } from '../api/types.js';

const LABELS: Record<ExportFormat, string> = {
  bundle: 'Evidence bundle (JSON)',
  otlp: 'OpenTelemetry spans (OTLP JSON lines)',
  junit: 'JUnit XML',
  sarif: 'SARIF',
  html: 'HTML report',
};

/**
 * A download link for every export format of a run's certificate (`data-testid="export-<format>"`).
 * With an API key set, a click fetches the file with the key instead of following the link.
 */
export function ExportLinks(props: { runId: string }): ReactNode {
  const [message, setMessage] = useState<string | undefined>();
  const onClick = (format: ExportFormat) => async (event: MouseEvent<HTMLAnchorElement>) => {
    if (!downloadsNeedKey()) return;
    event.preventDefault();
    setMessage(`Downloading ${LABELS[format]}…`);
    try {
      await downloadExport({ runId: props.runId, format });
      setMessage(`Downloaded ${LABELS[format]}.`);
    } catch (error) {
      setMessage(`Download failed: ${describeError(error)}`);
    }
  };
  return (
    <div className="export-links">
      <h3>Downloads</h3>
      <ul>
        {EXPORT_FORMATS.map((format) => (
          <li key={format}>
            <a
              href={certificateUrl({ runId: props.runId, format })}
              download={exportFileName({ runId: props.runId, format })}
              data-testid={`export-${format}`}
              onClick={onClick(format)}
            >
              {LABELS[format]}
            </a>
          </li>
        ))}
      </ul>
      <p role="status" className="muted">
        {message}
      </p>
    </div>
  );
}
