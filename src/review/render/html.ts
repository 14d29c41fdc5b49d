import { makeFormatter } from '../../format/number-format.js'
import type { Block, ReviewDocument } from './document.js'
import { chartSvg } from './svg-charts.js'

/**
 * A pack as one self-contained HTML file: styles inline, charts as inline SVG, no script and
 * nothing fetched — it opens from an e-mail or a file share as it was made, and prints (and
 * becomes the PDF) as it shows.
 */
export function renderHtml(doc: ReviewDocument, currency: string): string {
  const f = makeFormatter(doc.lang, currency)
  const body = doc.blocks.map((b) => block(b, (c) => chartSvg(c, f))).join('\n')
  return `<!doctype html>
<html lang="${doc.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.title)}</title>
<style>${style}</style>
</head>
<body>
<main>
<header><h1>${esc(doc.title)}</h1><p class="sub">${esc(doc.subtitle)}</p></header>
${body}
</main>
</body>
</html>
`
}

function block(
  b: Block,
  svg: (chart: Extract<Block, { kind: 'chart' }>['chart']) => string,
): string {
  switch (b.kind) {
    case 'h2':
      return `<h2>${esc(b.text)}</h2>`
    case 'p':
      return `<p${b.tone === 'muted' ? ' class="muted"' : ''}>${esc(b.text)}</p>`
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`
    case 'table': {
      const cls = (i: number) => (b.numeric[i] ? ' class="num"' : '')
      const head = b.head.map((h, i) => `<th scope="col"${cls(i)}>${esc(h)}</th>`).join('')
      const rows = b.rows
        .map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${esc(c)}</td>`).join('')}</tr>`)
        .join('\n')
      return `<table><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`
    }
    case 'chart':
      return `<figure role="img" aria-label="${esc(b.chart.title)}">${svg(b.chart)}</figure>`
  }
}

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  )

const style = `
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1b1f24;background:#fff}
main{max-width:980px;margin:0 auto;padding:28px 32px 48px}
h1{font-size:26px;margin:0 0 4px}
.sub{color:#57606a;margin:0 0 18px}
h2{font-size:18px;margin:28px 0 8px;padding-bottom:4px;border-bottom:2px solid #d0d7de;break-after:avoid}
p{margin:6px 0}
.muted{color:#57606a}
ul{margin:6px 0 6px 20px;padding:0}
li{margin:3px 0}
table{border-collapse:collapse;width:100%;margin:8px 0 12px;font-variant-numeric:tabular-nums;font-size:12.5px}
th,td{padding:4px 8px;border-bottom:1px solid #e4e8ec;text-align:left;vertical-align:top}
th{border-bottom:2px solid #d0d7de;font-weight:600}
.num{text-align:right;white-space:nowrap}
tr{break-inside:avoid}
figure{margin:8px 0 14px;break-inside:avoid}
figure svg{max-width:100%;height:auto}
@page{size:A4;margin:14mm 12mm}
@media print{main{padding:0;max-width:none}}
`
