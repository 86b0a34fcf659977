import type { ReactNode } from 'react';

/**
 * A table with its caption, one header row (a column header per entry of `columns`), and the body rows
 * given as children; `foot` adds a footer.
 */
export function DataTable(props: {
  caption: ReactNode;
  columns: readonly ReactNode[];
  className?: string;
  captionClassName?: string;
  testId?: string;
  foot?: ReactNode;
  children: ReactNode;
}): ReactNode {
  return (
    <table className={props.className} data-testid={props.testId}>
      <caption className={props.captionClassName}>{props.caption}</caption>
      <thead>
        <tr>
          {props.columns.map((column, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a header cell is its column's position
            <th scope="col" key={index}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
      {props.foot === undefined ? null : <tfoot>{props.foot}</tfoot>}
    </table>
  );
}
