import { Component, type ReactNode } from 'react';
import { type ApiError, asApiError } from '../api/client.js';

/**
 * Catches a view that fails while rendering (say, a reply of an unexpected shape) and says so with a code,
 * where React would otherwise leave a blank page. The navigation stays usable; a new `resetKey` (the
 * next route) tries the view again.
 */
export class ViewErrorBoundary extends Component<
  { resetKey: string; children: ReactNode },
  { error: ApiError | undefined; key: string }
> {
  override state: { error: ApiError | undefined; key: string } = {
    error: undefined,
    key: this.props.resetKey,
  };

  static getDerivedStateFromError(error: unknown): { error: ApiError } {
    return { error: asApiError(error) };
  }

  static getDerivedStateFromProps(
    props: { resetKey: string },
    state: { error: ApiError | undefined; key: string },
  ): { error: ApiError | undefined; key: string } | null {
    return props.resetKey === state.key ? null : { error: undefined, key: props.resetKey };
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (error === undefined) return this.props.children;
    return (
      <div className="error-box" role="alert" data-testid="view-failed">
        <p>
          This page could not be shown: <code>{error.code}</code> {error.message}
        </p>
        <p>
          Try another page from the menu, or reload this one. <a href="#/">Go to workflows</a>.
        </p>
      </div>
    );
  }
}
