import { isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { NanocodeError, type SourceLocation } from '../spec/errors.js';

/** A path into a parsed document: mapping keys and sequence indexes. */
export type ConfigPath = readonly (string | number)[];

/** Where to point for a path: at the value, or at the key that holds it (for unknown keys). */
export type LocateMode = 'value' | 'key';

/** One parsed configuration file, with the positions of its nodes kept for messages. */
export interface SourceDocument {
  file: string;
  /** The plain JSON value; `undefined` when the text did not parse. */
  value: unknown;
  /** Syntax problems, duplicate keys included. Empty when the text parsed cleanly. */
  errors: NanocodeError[];
  /** The position of a path. A path that does not exist points at its deepest existing ancestor. */
  locate(options: { path: ConfigPath; mode: LocateMode }): SourceLocation;
}

const JSON_POSITION = /at position (\d+)/;

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).trim();
}

function isEmptyScalar(node: Node): boolean {
  return isScalar(node) && node.value === null && node.range?.[0] === node.range?.[1];
}

function keyText(text: string, offset: number): string {
  const match = /^("[^"\n]*"|'[^'\n]*'|[^:\n,}]+)/.exec(text.slice(offset));
  return (match?.[1] ?? '').trim().replace(/^["']|["']$/g, '');
}

function jsonSyntaxError(options: { file: string; text: string; error: unknown }): NanocodeError | undefined {
  const message = options.error instanceof Error ? options.error.message : String(options.error);
  const match = JSON_POSITION.exec(message);
  const offset = match ? Number(match[1]) : options.text.length;
  const counter = new LineCounter();
  // The yaml lexer is only used to learn where lines start.
  parseDocument(options.text, { lineCounter: counter });
  const { line, col } = counter.linePos(offset);
  return new NanocodeError({
    code: 'NC_CFG_PARSE',
    message: `invalid JSON: ${firstLine(message).replace(/ in JSON at position \d+.*$/, '')}`,
    location: { file: options.file, line, column: col },
  });
}

/**
 * Parses YAML or JSON text. JSON is read by the YAML 1.2 parser too, so every node has a position; but
 * JSON syntax is checked by `JSON.parse` first, because YAML accepts things JSON does not.
 */
export function parseSourceDocument(options: { file: string; text: string }): SourceDocument {
  const { file, text } = options;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const errors: NanocodeError[] = [];
  if (/\.json$/i.test(file)) {
    try {
      JSON.parse(text);
    } catch (error) {
      const syntax = jsonSyntaxError({ file, text, error });
      if (syntax) errors.push(syntax);
    }
  }
  if (errors.length === 0) {
    for (const problem of doc.errors) {
      const duplicate = problem.code === 'DUPLICATE_KEY';
      errors.push(
        new NanocodeError({
          code: duplicate ? 'NC_CFG_DUPLICATE_KEY' : 'NC_CFG_PARSE',
          message: duplicate
            ? `duplicate key \`${keyText(text, problem.pos[0])}\`: a mapping has the same key twice`
            : `invalid YAML: ${firstLine(problem.message)}`,
          location: at(problem.pos[0]),
        }),
      );
    }
  }
  let value: unknown;
  if (errors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      errors.push(new NanocodeError({ code: 'NC_CFG_PARSE', message: firstLine(message), location: at(0) }));
    }
  }
  return {
    file,
    value,
    errors,
    locate: ({ path, mode }) => at(offsetOf({ path, mode })),
  };

  function offsetOf(args: { path: ConfigPath; mode: LocateMode }): number {
    let node = doc.contents as Node | null;
    let offset = node?.range?.[0] ?? 0;
    for (const [index, segment] of args.path.entries()) {
      if (isAlias(node)) node = (node.resolve(doc) ?? null) as Node | null;
      let next: Node | null | undefined;
      let keyOffset: number | undefined;
      if (isMap(node)) {
        const pair = node.items.find(
          (item) => isScalar(item.key) && String(item.key.value) === String(segment),
        );
        if (!pair) return offset;
        keyOffset = (pair.key as Node).range?.[0];
        next = pair.value as Node | null;
        // A key with no value (`key:`) points at the key.
        if (next === null || isEmptyScalar(next)) return keyOffset ?? offset;
      } else if (isSeq(node) && typeof segment === 'number') {
        next = node.items[segment] as Node | undefined;
        if (!next) return offset;
      } else {
        return offset;
      }
      const last = index === args.path.length - 1;
      if (last && args.mode === 'key' && keyOffset !== undefined) return keyOffset;
      node = next;
      offset = next.range?.[0] ?? offset;
    }
    return offset;
  }
}
