import { describe, expect, it } from 'vitest'
import { detectEncoding } from '../../src/ingest/readers/prepare-file.js'
import { writeFile } from '../helpers.js'

// UTF-8 is validated chunk by chunk (1 MiB): a character cut by a chunk's end is whole.
describe('detectEncoding across read chunks', () => {
  const mib = 1 << 20
  it('a multi-byte character across the 1 MiB boundary is UTF-8', async () => {
    for (const char of ['ł', '€', '😀']) {
      for (let shift = 1; shift < Buffer.byteLength(char); shift++) {
        const head = 'a'.repeat(mib - shift)
        const path = writeFile('cut.csv', `${head}${char}${'b'.repeat(100)}\n`)
        expect(await detectEncoding(path), `${char} cut after ${shift}`).toBe('utf-8')
      }
    }
  })
  it('a sequence cut off by the end of the file is not UTF-8', async () => {
    const path = writeFile('end.csv', Buffer.concat([Buffer.from('name\nx'), Buffer.from([0xc5])]))
    expect(await detectEncoding(path)).toBe('windows-1252')
  })
  it('a Windows-1250 byte after 1 MiB of ASCII', async () => {
    const text = Buffer.concat([Buffer.from('a'.repeat(mib + 10)), Buffer.from([0xb3, 0x0a])])
    expect(await detectEncoding(writeFile('late.csv', text))).toBe('windows-1250')
  })
})
