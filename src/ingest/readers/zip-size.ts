import { MiernikError } from '../../errors.js'

/** The most a workbook may hold unpacked: SheetJS unpacks it in memory. */
export const maxUnpackedBytes = 1024 * 1024 * 1024

const EOCD = 0x06054b50
const ENTRY = 0x02014b50

/**
 * What a ZIP archive (an XLSX workbook) unpacks to, summed from its central directory
 * before anything is unpacked, so a "zip bomb" (a small file of gigabytes) is refused
 * rather than expanded. ZIP64 sizes, a broken directory or a total over the limit refuse.
 */
export function checkZipSize(file: string, data: Buffer): void {
  const refuse = (why: string) => {
    throw new MiernikError('INVALID_FILE', `${file}: ${why}; save the sheet you need as CSV`)
  }
  // The end-of-central-directory record: 22 bytes plus a comment of up to 64 KB.
  let eocd = -1
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 65_535); i--) {
    if (data.readUInt32LE(i) === EOCD) {
      eocd = i
      break
    }
  }
  if (eocd < 0) return refuse('not a complete ZIP archive (no central directory)')
  const entries = data.readUInt16LE(eocd + 10)
  let at = data.readUInt32LE(eocd + 16)
  let total = 0
  for (let n = 0; n < entries; n++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== ENTRY)
      return refuse('a damaged ZIP archive (its directory does not add up)')
    const compressed = data.readUInt32LE(at + 20)
    const size = data.readUInt32LE(at + 24)
    if (size === 0xffffffff || compressed === 0xffffffff)
      return refuse('a ZIP64 archive of more than 4 GB unpacked')
    total += size
    if (total > maxUnpackedBytes)
      return refuse(
        `it unpacks to more than ${maxUnpackedBytes / 1024 / 1024 / 1024} GB (a workbook that large, or a ZIP bomb)`,
      )
    at += 46 + data.readUInt16LE(at + 28) + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32)
  }
}
