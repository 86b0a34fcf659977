import { apiFetch, apiRequest, readApiKey } from './client.js';
import type { CertificateBundle, ExportFormat, VerifyReport } from './types.js';

/** Where a run's certificate export is (`GET /api/runs/{id}/certificate?format=`). */
export function certificateUrl(options: { runId: string; format: ExportFormat }): string {
  return `/api/runs/${encodeURIComponent(options.runId)}/certificate?format=${options.format}`;
}

/** The file name a download of an export gets. */
export function exportFileName(options: { runId: string; format: ExportFormat }): string {
  const suffix: Record<ExportFormat, string> = {
    bundle: 'bundle.json',
    otlp: 'otlp.jsonl',
    junit: 'junit.xml',
    sarif: 'sarif.json',
    html: 'report.html',
  };
  return `${options.runId}.${suffix[options.format]}`;
}

/** A run's certificate bundle: envelope, header, events and the log proof. */
export function getCertificateBundle(options: {
  runId: string;
  signal?: AbortSignal;
}): Promise<CertificateBundle> {
  return apiFetch<CertificateBundle>(certificateUrl({ runId: options.runId, format: 'bundle' }), {
    signal: options.signal,
  });
}

/** Has the server verify a bundle against its trusted keys; every check comes back with its result. */
export function verifyCertificate(options: {
  bundle: CertificateBundle;
  signal?: AbortSignal;
}): Promise<VerifyReport> {
  return apiFetch<VerifyReport>('/api/certificates/verify', {
    body: options.bundle,
    signal: options.signal,
  });
}

/**
 * Downloads an export. With an API key set, a plain link cannot send it, so the file is fetched with the
 * key and saved through an object URL; without one the browser may follow the link itself.
 */
export async function downloadExport(options: { runId: string; format: ExportFormat }): Promise<void> {
  const response = await apiRequest(certificateUrl(options), { headers: { accept: '*/*' } });
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = exportFileName(options);
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // Revoked on the next turn: the click has started the download by then.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

/** True when downloads must go through {@link downloadExport} (an API key is set). */
export function downloadsNeedKey(): boolean {
  return readApiKey() !== undefined;
}
