import type { SourceLocation } from '../spec/errors.js';
import type { ConfigPath, LocateMode, SourceDocument } from './source-document.js';

/** Where a part of a normalised value was written: a file and a path inside it. */
export interface Origin {
  file: string;
  path: ConfigPath;
}

/** A piece of a joined string (a prompt built from fragments) and where it was written. */
export interface Segment {
  /** Offset of the piece in the joined string. */
  start: number;
  origin: Origin;
}

/**
 * Maps paths of a normalised value (templates expanded, sugar rewritten) back to the files and paths
 * they came from, so every message can point at what the user wrote.
 */
export interface OriginMap {
  set(options: { path: ConfigPath; origin: Origin }): void;
  setSegments(options: { path: ConfigPath; segments: Segment[] }): void;
  /** The location of a normalised path; the longest mapped prefix decides the file. */
  locate(options: { path: ConfigPath; mode: LocateMode }): SourceLocation;
  /** The location of a character offset inside a joined string. */
  locateOffset(options: { path: ConfigPath; offset: number }): SourceLocation;
}

const keyOf = (path: ConfigPath): string => JSON.stringify(path);

/** An origin map over parsed documents. The root path must be mapped before locating. */
export function createOriginMap(options: { documents: ReadonlyMap<string, SourceDocument> }): OriginMap {
  const origins = new Map<string, Origin>();
  const segmentsByPath = new Map<string, Segment[]>();

  const locateOrigin = (origin: Origin, rest: ConfigPath, mode: LocateMode): SourceLocation => {
    const doc = options.documents.get(origin.file);
    const path = [...origin.path, ...rest];
    if (!doc) return { file: origin.file, line: 1, column: 1 };
    return { ...doc.locate({ path, mode }), path: `/${path.join('/')}` };
  };

  const locate: OriginMap['locate'] = ({ path, mode }) => {
    for (let length = path.length; length >= 0; length--) {
      const origin = origins.get(keyOf(path.slice(0, length)));
      if (origin) return locateOrigin(origin, path.slice(length), mode);
    }
    return { file: '<unknown>', line: 1, column: 1 };
  };

  return {
    set: ({ path, origin }) => {
      origins.set(keyOf(path), origin);
    },
    setSegments: ({ path, segments }) => {
      segmentsByPath.set(keyOf(path), segments);
    },
    locate,
    locateOffset: ({ path, offset }) => {
      const segments = segmentsByPath.get(keyOf(path)) ?? [];
      const segment = segments.filter((s) => s.start <= offset).at(-1);
      return segment ? locateOrigin(segment.origin, [], 'value') : locate({ path, mode: 'value' });
    },
  };
}
