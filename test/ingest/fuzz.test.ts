import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MiernikError } from '../../src/errors.js'
import { importFile } from '../../src/ingest/import-file.js'
import { createApp } from '../../src/server/app.js'
import { runCli } from '../cli-run.js'
import { fileLocation } from '../engine.js'
import { emptyStore, fixture, fixturesDir, storeWith, tempDir } from '../helpers.js'

/**
 * Every bad input gets a clear message (issue 11): files of random bytes, truncated files,
 * deep nesting, huge column counts, NUL bytes, odd encodings and impossible years, through
 * every reader; random values in every query parameter of the API and the CLI. Never an
 * internal error (exit 70, HTTP 500), and the database untouched by what failed.
 * Deterministic: the "random" inputs come from a seeded generator.
 */
function generator(seed: number) {
  let s = seed
  const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31), s / 2 ** 31)
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    bytes: (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(next() * 256))),
  }
}

/** A ZIP whose directory says its one entry unpacks to 3 GB: a zip bomb's signature. */
function zipBomb(): Buffer {
  const name = Buffer.from('xl/worksheets/sheet1.xml')
  const local = Buffer.alloc(30)
  local.writeUInt32LE(0x04034b50, 0)
  local.writeUInt16LE(name.length, 26)
  const entry = Buffer.alloc(46)
  entry.writeUInt32LE(0x02014b50, 0)
  entry.writeUInt32LE(1000, 20)
  entry.writeUInt32LE(3 * 1024 * 1024 * 1024 - 1, 24)
  entry.writeUInt16LE(name.length, 28)
  const directoryAt = local.length + name.length
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(1, 8)
  end.writeUInt16LE(1, 10)
  end.writeUInt32LE(entry.length + name.length, 12)
  end.writeUInt32LE(directoryAt, 16)
  return Buffer.concat([local, name, entry, name, end])
}

function hostileFiles(): [string, Buffer | string][] {
  const g = generator(7)
  const files: [string, Buffer | string][] = []
  for (let i = 0; i < 8; i++)
    for (const ext of ['csv', 'json', 'jsonl', 'xlsx', 'txt'])
      files.push([`random-${i}.${ext}`, g.bytes(1 + g.int(4000))])
  const deep = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)
  files.push(['deep.json', `[${deep(3000)}]`], ['deep.jsonl', deep(3000)])
  files.push(['deep-arrays.json', '['.repeat(5000) + ']'.repeat(5000)])
  files.push(['wide.csv', `${Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(',')}\n1\n`])
  files.push(['nul.csv', 'id,status,created_on\nx,open,2026-01-01\u0000\n'])
  files.push([
    'utf16-no-bom.csv',
    Buffer.from('id,status,created_on\nx,open,2026-01-01\n', 'utf16le'),
  ])
  files.push(['year-50.csv', 'id,status,created_on\nx,open,0050-04-01\n'])
  files.push(['bomb.xlsx', zipBomb()])
  const good = readFileSync(join(fixturesDir, 'import', 'opportunities.csv'))
  for (let k = 1; k < good.length; k += 23) files.push([`cut-${k}.csv`, good.subarray(0, k)])
  const workbook = readdirSync(join(fixturesDir, 'crm', 'pipedrive')).find((f) =>
    f.endsWith('.xlsx'),
  )
  if (workbook) {
    const data = readFileSync(join(fixturesDir, 'crm', 'pipedrive', workbook))
    for (const k of [10, 100, 1000, Math.floor(data.length / 2), data.length - 10])
      files.push([`cut-${k}.xlsx`, data.subarray(0, k)])
  }
  return files
}

describe('hostile files: a clear error or a clean import, never an internal error', () => {
  it('through every reader, for deals and reps, natively and with a preset', async () => {
    const store = await storeWith(fixture('win-rate'))
    const count = async () =>
      Number((await store.query('SELECT COUNT(*) AS n FROM opportunities'))[0]?.n)
    const dir = tempDir()
    const internal: string[] = []
    for (const [name, data] of hostileFiles()) {
      const file = join(dir, name)
      writeFileSync(file, data)
      for (const options of [{}, { preset: 'hubspot' }]) {
        const before = await count()
        try {
          // A truncated file may still hold whole valid rows: those import.
          await importFile(store, 'opportunities', file, options)
        } catch (e) {
          if (!(e instanceof MiernikError))
            internal.push(`${name}: ${(e as Error).message.slice(0, 200)}`)
          else expect(e.message.length, name).toBeLessThan(2000)
          // What failed wrote nothing.
          expect(await count(), name).toBe(before)
        }
      }
    }
    expect(internal).toEqual([])
  })

  it('a zip bomb is refused before it is unpacked', async () => {
    const store = await emptyStore()
    const file = join(tempDir(), 'bomb.xlsx')
    writeFileSync(file, zipBomb())
    await expect(importFile(store, 'opportunities', file)).rejects.toThrow(
      /unpacks to more than 1 GB/,
    )
  })

  it('a date of year 50 is a rejected row naming the range', async () => {
    const store = await emptyStore()
    const file = join(tempDir(), 'opportunities.csv')
    writeFileSync(file, 'id,status,created_on\nx,open,0050-04-01\n')
    const e = (await importFile(store, 'opportunities', file).catch(
      (x: unknown) => x,
    )) as MiernikError
    expect(e.code).toBe('IMPORT_REJECTED')
    expect((e.details as { errors: { reason: string }[] }).errors[0]?.reason).toBe(
      'year out of range: dates must lie in 1900–2999',
    )
  })
})

const nasty = (g: ReturnType<typeof generator>): unknown[] => [
  '',
  ' ',
  'x'.repeat(10_000),
  '0050-Q2',
  'FY0050',
  '0000-01-01',
  '2026-02-30',
  '\u0000',
  'ä€😀',
  '{"rep":',
  '{"rep":"r1"}',
  '["a"]',
  '-1',
  '1e309',
  'null',
  String(g.int(1e9)),
  g.bytes(20).toString('latin1'),
]

describe('hostile query parameters: a 4xx, never a 500', () => {
  it('every parameter of every GET route', async () => {
    const store = await storeWith(fixture('win-rate'))
    const app = createApp({ store, today: () => '2026-09-30', log: () => {} })
    const g = generator(11)
    const base: Record<string, Record<string, string>> = {
      '/api/drilldown': {
        metric: 'win_rate',
        from: '2026-04-01',
        to: '2026-06-30',
        part: 'numerator',
      },
      '/api/funnel': { from: '2026-04-01', to: '2026-06-30' },
      '/api/periods': { period: '2026-Q2' },
    }
    const params: Record<string, string[]> = {
      '/api/drilldown': [
        'metric',
        'from',
        'to',
        'part',
        'group',
        'filters',
        'asOf',
        'page',
        'page_size',
        'sort',
        'order',
        'format',
        'lang',
        'row',
      ],
      '/api/funnel': ['from', 'to', 'filters', 'pipeline', 'asOf'],
      '/api/periods': ['period'],
    }
    const failures: string[] = []
    for (const [path, names] of Object.entries(params)) {
      for (const name of names) {
        for (const value of nasty(g)) {
          const q = new URLSearchParams({ ...base[path], [name]: String(value) })
          const res = await app.request(`${path}?${q}`)
          if (res.status >= 500)
            failures.push(`${path} ${name}=${JSON.stringify(value).slice(0, 40)}: ${res.status}`)
        }
      }
    }
    for (const value of nasty(g)) {
      const res = await app.request(`/api/dimensions/${encodeURIComponent(String(value))}`)
      if (res.status >= 500)
        failures.push(`/api/dimensions/${String(value).slice(0, 20)}: ${res.status}`)
    }
    expect(failures).toEqual([])
  })

  it('every field of a metrics query, and bodies that are not JSON', async () => {
    const store = await storeWith(fixture('win-rate'))
    const app = createApp({ store, today: () => '2026-09-30', log: () => {} })
    const g = generator(13)
    const good = { metrics: ['win_rate'], from: '2026-04-01', to: '2026-06-30' }
    const failures: string[] = []
    const post = async (body: string) => {
      const res = await app.request('/api/metrics/batch', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      })
      if (res.status >= 500) failures.push(`${body.slice(0, 80)}: ${res.status}`)
    }
    for (const field of ['metrics', 'from', 'to', 'grain', 'by', 'filters', 'compare', 'asOf']) {
      for (const value of [
        ...nasty(g),
        5,
        -1,
        true,
        null,
        [],
        {},
        ['rep', 'team', 'segment'],
        { team: ['x', 5] },
      ])
        await post(JSON.stringify({ queries: [{ ...good, [field]: value }] }))
    }
    for (const body of ['', '{', '[]', 'null', '{"queries":5}', g.bytes(100).toString('latin1')])
      await post(body)
    expect(failures).toEqual([])
  })

  it('the CLI: odd arguments are a usage error (exit 2), never an internal one (70)', async () => {
    const db = fileLocation('fuzz')
    await runCli([
      'import',
      'opportunities',
      join(fixture('win-rate'), 'opportunities.csv'),
      '--db',
      db,
    ])
    const g = generator(17)
    const codes: string[] = []
    for (const value of nasty(g)) {
      const v = String(value)
      for (const argv of [
        ['metrics', '--db', db, '--period', v],
        ['metrics', '--db', db, '--from', v, '--to', '2026-06-30'],
        ['metrics', '--db', db, '--period', '2026-Q2', '--as-of', v],
        ['metrics', '--db', db, '--period', '2026-Q2', '--filter', `rep=${v}`],
        ['metrics', '--db', db, '--period', '2026-Q2', '--by', v],
        ['quality', '--db', db, '--period', v],
      ]) {
        const r = await runCli(argv)
        if (r.code === 70) codes.push(`${argv.join(' ').slice(0, 100)}: ${r.err.slice(0, 200)}`)
      }
    }
    expect(codes).toEqual([])
  })
})
