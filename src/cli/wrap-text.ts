// Text fitted to the terminal's width, apart from the table renderer: help text needs only this.

/** Characters, as a terminal counts them (the text here is Latin, Polish, dashes and signs). */
export const textWidth = (s: string): number => [...s].length

/** Lines of `text` at most `width` long: wrapped at spaces, a longer word broken. */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = []
  for (const paragraph of text.split('\n')) {
    let line = ''
    for (const word of paragraph.split(/ +/).filter(Boolean)) {
      let rest = word
      while (textWidth(rest) > width) {
        if (line) lines.push(line)
        line = ''
        const chars = [...rest]
        lines.push(chars.slice(0, width).join(''))
        rest = chars.slice(width).join('')
      }
      if (!rest) continue
      if (!line) line = rest
      else if (textWidth(line) + 1 + textWidth(rest) <= width) line += ` ${rest}`
      else {
        lines.push(line)
        line = rest
      }
    }
    lines.push(line)
  }
  return lines
}

/**
 * Text for a width: each line wrapped to it, continuation lines indented by `indent`;
 * without a width, as it is.
 */
export function fitText(text: string, width: number | undefined, indent = ''): string {
  if (width === undefined) return text
  return text
    .split('\n')
    .map((line) => {
      // A line's own indent is kept, and its continuation lines indented further.
      const lead = /^ */.exec(line)?.[0] ?? ''
      const inner = Math.max(1, width - textWidth(lead))
      const [first = '', ...rest] = wrapText(line.slice(lead.length), inner)
      const more = rest.join(' ')
      const next = Math.max(1, inner - textWidth(indent))
      return [first, ...(more ? wrapText(more, next).map((l) => indent + l) : [])]
        .map((l) => lead + l)
        .join('\n')
    })
    .join('\n')
}
