import Table from 'cli-table3'
import { fitText, textWidth, wrapText } from './wrap-text.js'

export { fitText, textWidth, wrapText } from './wrap-text.js'

/** A column of a terminal table. */
export interface TableColumn {
  head: string
  /** Numbers are right-aligned. */
  align?: 'left' | 'right'
  /**
   * Whether the column may wrap to fit a width: at spaces, a word longer than the column
   * broken (never cut off). Values and dates do not wrap: a number split over two lines
   * misreads.
   */
  wrap?: boolean
  /**
   * Whether a word too long for a narrow column may be broken (default yes). Not for names
   * ("Opportu / nity"): rather than that, the rows are shown as blocks.
   */
  breakWords?: boolean
}

/** Columns are padded by a space either side and drawn with one border between and around. */
const overhead = (columns: number) => 3 * columns + 1
/** Failing that, a wrapping column may break words longer than this. */
const wordCap = 16
/** Below this, a wrapping column is too narrow to read: the table is shown record by record. */
const narrowest = 6

const cellWidth = (s: string) => Math.max(0, ...s.split('\n').map(textWidth))
const longestWord = (s: string) => Math.max(0, ...s.split(/[\s]+/).map(textWidth))

/**
 * Column widths (content only) that fit `width`, or undefined when even the narrowest
 * readable columns do not fit. Wrapping columns give up a character at a time, in
 * proportion to their text, first down to their longest word, then (if that is not enough) breaking words longer than
 * `wordCap`, then to `narrowest`.
 */
function fitWidths(
  columns: readonly TableColumn[],
  rows: readonly (readonly string[])[],
  width: number | undefined,
): number[] | undefined {
  const cells = (i: number) => [columns[i]?.head ?? '', ...rows.map((r) => r[i] ?? '')]
  const natural = columns.map((_, i) => Math.max(...cells(i).map(cellWidth)))
  if (width === undefined) return natural
  const budget = width - overhead(columns.length)
  const widths = [...natural]
  const total = () => widths.reduce((a, b) => a + b, 0)
  const longest = columns.map((_, i) => Math.max(...cells(i).map(longestWord)))
  for (const floor of [
    (i: number) => longest[i] ?? 0,
    (i: number) => Math.min(natural[i] ?? 0, longest[i] ?? 0, wordCap),
    (i: number) => Math.min(natural[i] ?? 0, narrowest),
  ]) {
    const min = columns.map((c, i) =>
      !c.wrap ? (natural[i] ?? 0) : c.breakWords === false ? (longest[i] ?? 0) : floor(i),
    )
    while (total() > budget) {
      // The column keeping the largest share of its natural width gives up a character:
      // widths end up in proportion to the text, so prose takes the room, not the short columns.
      let pick = -1
      let share = 0
      widths.forEach((w, i) => {
        const s = w / (natural[i] ?? 1)
        if (w > (min[i] ?? w) && (s > share || (s === share && w > (widths[pick] ?? 0)))) {
          pick = i
          share = s
        }
      })
      if (pick < 0) break
      widths[pick] = (widths[pick] ?? 1) - 1
    }
    if (total() <= budget) return widths
  }
  return undefined
}

/** Whether the table fits `width` without wrapping any column. */
export function fitsWhole(
  columns: readonly TableColumn[],
  rows: readonly (readonly string[])[],
  width: number | undefined,
): boolean {
  if (width === undefined) return true
  const natural = fitWidths(columns, rows, undefined) ?? []
  return natural.reduce((a, b) => a + b, 0) + overhead(columns.length) <= width
}

/**
 * A table that fits `width` (the terminal's columns; undefined: piped, lines as long as
 * they need): a rule under the header and none between rows, wrapping columns wrapped as
 * needed, and when the columns cannot fit at all, each row as a block of "Head: value" lines.
 */
export function renderTable(
  columns: readonly TableColumn[],
  rows: readonly (readonly string[])[],
  width?: number,
): string {
  const widths = fitWidths(columns, rows, width)
  if (!widths) return renderRecords(columns, rows, width as number)
  const wrap = (s: string, i: number) =>
    columns[i]?.wrap && cellWidth(s) > (widths[i] ?? 0) ? wrapText(s, widths[i] ?? 1).join('\n') : s
  const table = new Table({
    head: columns.map((c, i) => wrap(c.head, i)),
    colAligns: columns.map((c) => c.align ?? 'left'),
    style: { head: [], border: [], compact: true },
  })
  for (const row of rows) table.push(columns.map((_, i) => wrap(row[i] ?? '', i)))
  return table.toString()
}

/** Rows as blocks of "Head: value" lines, for a width too narrow for the columns side by side. */
function renderRecords(
  columns: readonly TableColumn[],
  rows: readonly (readonly string[])[],
  width: number,
): string {
  return rows
    .map((row) =>
      columns
        .map((c, i) => ({ head: c.head, value: row[i] ?? '' }))
        .filter((f) => f.value !== '')
        .map((f) => fitText(`${f.head}: ${f.value.replace(/\n/g, ' ')}`, width, '  '))
        .join('\n'),
    )
    .join('\n\n')
}
