import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { Plugin } from 'vite'

/** Text assets worth compressing (images and fonts are compressed already). */
const compressible = /\.(js|css|html|svg|json|txt)$/

/**
 * Writes a .br and a .gz beside every text file of the build, once, at build time: the server
 * (serveStatic with `precompressed`) sends the one the browser accepts, so no request pays
 * for compression. The 550 kB chart bundle goes over the wire as ~160 kB.
 */
export function compressAssets(): Plugin {
  let outDir = ''
  return {
    name: 'miernik-compress-assets',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir
    },
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir).flatMap((name) => {
          const path = join(dir, name)
          return statSync(path).isDirectory() ? walk(path) : [path]
        })
      for (const file of walk(outDir).filter((f) => compressible.test(f))) {
        const body = readFileSync(file)
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        )
        writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }))
      }
    },
  }
}
