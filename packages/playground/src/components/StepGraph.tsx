import { type ReactNode, useId } from 'react';
import type { StepStatus } from '../model/run-model.js';
import { layoutSteps } from '../model/step-layout.js';
import { stepTone, type Tone } from '../model/tones.js';

/** Props of {@link StepGraph}. */
export interface StepGraphProps {
  /** The steps (e.g. `buildRunModel(events).steps`); status is shown when given. */
  steps: ReadonlyArray<{ id: string; dependsOn: string[]; status?: StepStatus }>;
  title?: string | undefined;
}

const NODE_W = 160;
const NODE_H = 46;
const GAP_X = 60;
const GAP_Y = 18;
const STROKE: Record<Tone, string> = { pass: '#166534', fail: '#991b1b', warn: '#854d0e', info: '#1e40af' };

/**
 * The steps of a workflow as a graph, each arrow from a step to one that reads it. The drawing is
 * decorative for assistive technology: the list under it says the same in words.
 */
export function StepGraph(props: StepGraphProps): ReactNode {
  const captionId = useId();
  const layout = layoutSteps(props.steps);
  const byId = new Map(props.steps.map((step) => [step.id, step]));
  const position = new Map(
    layout.nodes.map((node) => [
      node.id,
      { x: node.column * (NODE_W + GAP_X), y: node.row * (NODE_H + GAP_Y) },
    ]),
  );
  const width = Math.max(1, layout.columns * (NODE_W + GAP_X) - GAP_X + 2);
  const height = Math.max(1, layout.rows * (NODE_H + GAP_Y) - GAP_Y + 2);
  const markerId = `${captionId}-arrow`.replaceAll(':', '');
  return (
    <figure className="step-graph" aria-labelledby={captionId} data-testid="step-graph">
      <figcaption id={captionId}>{props.title ?? 'Step graph'}</figcaption>
      <svg
        width={width}
        height={height}
        viewBox={`-1 -1 ${width} ${height}`}
        aria-hidden="true"
        focusable="false"
      >
        <defs>
          <marker
            id={markerId}
            viewBox="0 0 10 10"
            refX="10"
            refY="5"
            markerWidth="8"
            markerHeight="8"
            orient="auto"
          >
            <path d="M0,0 L10,5 L0,10 z" fill="#4b5563" />
          </marker>
        </defs>
        {layout.edges.map((edge) => {
          const from = position.get(edge.from);
          const to = position.get(edge.to);
          if (from === undefined || to === undefined) return null;
          const x1 = from.x + NODE_W;
          const y1 = from.y + NODE_H / 2;
          const x2 = to.x;
          const y2 = to.y + NODE_H / 2;
          const mid = (x1 + x2) / 2;
          return (
            <path
              key={`${edge.from}->${edge.to}`}
              d={`M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`}
              fill="none"
              stroke="#4b5563"
              strokeWidth="1.5"
              markerEnd={`url(#${markerId})`}
            />
          );
        })}
        {layout.nodes.map((node) => {
          const at = position.get(node.id) ?? { x: 0, y: 0 };
          const status = byId.get(node.id)?.status;
          const tone = status === undefined ? 'info' : stepTone(status);
          return (
            <g key={node.id} transform={`translate(${at.x},${at.y})`}>
              <rect
                width={NODE_W}
                height={NODE_H}
                rx="6"
                fill="#ffffff"
                stroke={STROKE[tone]}
                strokeWidth="2"
              />
              <text x="10" y="19" fontSize="13" fontWeight="600" fill="#1a1d23">
                {node.id.length > 20 ? `${node.id.slice(0, 19)}…` : node.id}
              </text>
              {status === undefined ? null : (
                <text x="10" y="36" fontSize="12" fill={STROKE[tone]}>
                  {status}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <ul className="step-graph-text">
        {props.steps.map((step) => (
          <li key={step.id}>
            <code>{step.id}</code>
            {step.status === undefined ? '' : ` — ${step.status}`}
            {step.dependsOn.length === 0 ? ', runs first' : `, after ${step.dependsOn.join(', ')}`}
          </li>
        ))}
      </ul>
    </figure>
  );
}
