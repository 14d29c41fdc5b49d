/**
 * The CLI as the bin runs it (run by `npm run build`, after tsc, whose dist/cli/main.js it
 * replaces): dist/cli/main.js and the chunks it loads, dist/cli/chunks/*.js, bundled from
 * src/ by esbuild with code splitting. main.js and one chunk are the start-up code (the
 * command line's parser, commander, and the commands' options and help); each command's own
 * code is a chunk loaded when it runs, and what several commands share is in chunks of
 * their own, loaded once. Node 20 spends a millisecond or two on each ES module it resolves,
 * reads and links: `miernik metrics --list` read 207 files of modules (93 of them
 * Miernik's, most of the rest zod's) and now reads 18. The rest of tsc's output (dist/index.js,
 * the library, and its modules) stays as tsc wrote it; the bin loads none of it.
 *
 * One copy of every module in a CLI process: everything the process runs of Miernik is in
 * the bundle's chunks, and the build fails if a module outside src/ and node_modules/ (a
 * file of dist/) would be bundled. So the stateful modules exist once: MiernikError (tested
 * with instanceof when a command's error is reported), writeState (store/transaction.ts,
 * read by the Ctrl-C handler), zod's globalRegistry (the contracts' CSV names). `serve`'s
 * /api/cli endpoint runs commands with the same program chunk as the bin, not a copy.
 *
 * The start-up code in one chunk. esbuild puts modules in the same chunk when the same entry
 * points reach them, and every `await import()` is an entry point: errors.ts, reached by
 * main.js and by most commands, would be a chunk of its own, settings.ts another, and
 * `--help` would load a dozen small chunks. So each module loaded with `await import()` is
 * wrapped (namespace `loaded-when-used`) in one that first imports what main.ts imports —
 * already loaded whenever a command runs — and every entry point reaches the whole start-up
 * code, which lands in one chunk. The build fails if `--help` would load a module of src/
 * not listed in `startUp` or a package other than commander.
 *
 * Files found at run time. A bundled module runs from dist/cli/chunks/, not from where tsc
 * puts it, so every `import.meta` in src/ is checked (`importMeta` below; the build fails
 * on one not listed): cli/main.ts is the entry, main.js itself, where tsc's output was;
 * cli/commands/serve.ts finds the dashboard at ../../web/ from its module, as true of
 * dist/cli/chunks/ as of dist/cli/commands/; metrics/catalog.ts lists its folder of metrics
 * and imports each file at run time, which a bundle has not got, so `staticCatalogue` below
 * imports every file of src/metrics/catalog/ statically instead (a new metric is still one
 * new file there). Nothing in src/ starts a worker or runs a module as a child process; the
 * bundled packages' files are checked for __dirname, __filename and import.meta too.
 *
 * Packages, decided one by one (`packages` below; a package src/ imports that is not listed
 * fails the build):
 * - bundled, pure JavaScript that reads no file of its own: commander, zod, hono and
 *   @hono/node-server, cli-table3, csv-parse, csv-stringify, iconv-lite (its code pages are
 *   require()d, so bundled too), cron-parser (with luxon), nodemailer, @e965/xlsx, echarts
 *   (with zrender: hundreds of ES modules as published). src/ writes `import { z } from
 *   'zod'`, which esbuild cannot tree-shake (all of zod's 60-odd locales came along, 600 KB);
 *   the bundle reads it as `import * as z from 'zod'`, the same namespace, and keeps what
 *   is used (160 KB). @duckdb/node-api too, the driver's JavaScript (some 120 CommonJS
 *   files): its bindings, @duckdb/node-bindings, which load a .node binary from a platform
 *   package, stay external and are taken with require(). Bundled, a DuckDB command starts
 *   about 50 ms sooner than with node-api required (`metrics` over 1M deals, 9 alternated
 *   runs: 0.76 s against 0.81 s median wall, 0.98 s against 1.05 s CPU).
 * - external, loaded by Node from node_modules: pg (it requires the optional native
 *   pg-native, and is loaded only for a PostgreSQL server) and pg-copy-streams (the COPY
 *   streams run on pg's connections), together; @electric-sql/pglite (reads its .wasm and
 *   data files from its own directory); playwright-core (reads its own files and drives a
 *   browser, loaded only to print a PDF). The CommonJS ones imported statically
 *   (`required`: pg, pg-copy-streams; @duckdb/node-api before it was bundled) are taken
 *   with require(), as Node's own modules are: Node's ES loader, importing a CommonJS
 *   module, reads and lexes it and every module it re-exports, recursively, to list their
 *   names, before the CommonJS loader reads them again — @duckdb/node-api's index
 *   re-exports some 120 files, and imported it took about 200 ms more than required.
 *
 * Node's own modules are taken with require() (process.getBuiltinModule, Node >= 20.16), not
 * imported: an ES import of one makes Node build a module facade of all its exports first.
 * And commander's node:child_process (with net, dgram and more streams) is loaded only if
 * used: commander runs a child process only for a subcommand that is a program of its own,
 * which miernik has none of.
 *
 * Figures, 2026-12-03: whole processes on this 2-core machine (shared with other work, load
 * average about 1.6), taking turns with the build before (the start-up code bundled, the
 * commands' modules as tsc wrote them, @duckdb/node-api imported); medians of 21 runs, wall
 * and CPU (user+sys; DuckDB's threads make CPU more than wall):
 *                                              before: wall   CPU     now: wall   CPU
 *   miernik --help                                   0.143  0.147         0.146  0.148 s
 *   miernik metrics --help                           0.145  0.147         0.141  0.144 s
 *   miernik metrics --list (no database)             0.624  0.714         0.484  0.539 s
 *   miernik metrics --format json, 1M deals (a)      1.252  1.678         0.968  1.259 s
 *   miernik review --format md, demo company         2.544  3.238         1.738  2.112 s
 *   miernik import --dry-run, 3 rows                 0.834  1.034         0.654  0.738 s
 *   miernik serve, until it listens (b)              1.489  2.057         0.656  0.798 s
 * (a) bench/data/scale-1000000.duckdb --period 2026-Q1 --as-of 2026-06-30; (b) the demo
 * company, CPU up to its Ctrl-C. `--help` is unchanged (within 4 ms either way). Files of
 * modules read (strace): metrics 398 → 207, review 1,009 → 208 (ECharts as published), import
 * 371 → 207, 183 of them @duckdb/node-api's and its bindings'.
 *
 *   npx tsx scripts/build-cli.ts [--metafile=FILE]   (FILE for https://esbuild.github.io/analyze/)
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { isBuiltin } from 'node:module'
import { isAbsolute, join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, type Metafile, type Plugin } from 'esbuild'

const script = 'scripts/build-cli.ts'
const root = fileURLToPath(new URL('..', import.meta.url))
const src = join(root, 'src')
const entry = join(src, 'cli/main.ts')
const outdir = join(root, 'dist/cli')

/**
 * Packages src/ imports: bundled, or left to Node (see the comment at the top): `external`,
 * imported, or `required`, CommonJS taken with require().
 */
const packages: Record<string, 'bundled' | 'external' | 'required'> = {
  commander: 'bundled',
  zod: 'bundled',
  hono: 'bundled',
  '@hono/node-server': 'bundled',
  'cli-table3': 'bundled',
  'csv-parse': 'bundled',
  'csv-stringify': 'bundled',
  'iconv-lite': 'bundled',
  'cron-parser': 'bundled',
  nodemailer: 'bundled',
  '@e965/xlsx': 'bundled',
  echarts: 'bundled',
  '@duckdb/node-api': 'bundled',
  pg: 'required',
  'pg-copy-streams': 'required',
  '@electric-sql/pglite': 'external',
  'playwright-core': 'external',
}

/** Modules of src/ using import.meta, and why each works from dist/cli/chunks/. */
const importMeta: Record<string, string> = {
  'cli/main.ts': 'the entry, dist/cli/main.js, where tsc puts it',
  'cli/commands/serve.ts': 'dist/web is ../../web/ from dist/cli/chunks/ too',
  'metrics/catalog.ts': 'its folder listing is replaced by staticCatalogue',
}

/** Files of bundled packages naming __dirname, __filename or import.meta, and why it is safe. */
const packageFilePaths: Record<string, string> = {
  'commander/lib/command.js': 'in comments only',
  '@colors/colors/lib/colors.js': 'in the text of an error message only',
}

/** The modules of src/ `miernik --help` may load: the start-up code. */
const startUp = new Set([
  'cli/main.ts',
  'cli/program.ts',
  'cli/forward.ts',
  'cli/interrupt.ts',
  'cli/io.ts',
  'cli/help.ts',
  'cli/wrap-text.ts',
  'cli/forecast-command.ts',
  'cli/schedule-command.ts',
  'cli/target-command.ts',
  'cli/user-command.ts',
  'errors.ts',
  'ingest/presets/names.ts',
  'model/entity-names.ts',
  'review/render/file-name.ts',
  'server/server-file.ts',
  'store/location.ts',
  'store/settings.ts',
  'store/data-version.ts',
  'store/transaction.ts',
  'validation.ts',
])
/** The packages `miernik --help` may load. */
const startUpPackages = new Set(['commander'])

const posix = (path: string) => path.split(sep).join('/')
/** `/…/src/a/b.ts` as `a/b.ts`. */
const inSrc = (file: string) => posix(relative(src, file))
const nodeModules = `${sep}node_modules${sep}`
/** `/…/node_modules/@hono/node-server/dist/x.js` as `@hono/node-server/dist/x.js`. */
const inPackages = (file: string) =>
  posix(file.slice(file.lastIndexOf(nodeModules) + nodeModules.length))
/** The package of a bare specifier or a path in node_modules: `@hono/node-server/x` → `@hono/node-server`. */
const packageOf = (spec: string) =>
  spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/')

/** The bundle's own modules standing for Node's and for external CommonJS packages. */
const requireShims: Record<string, (name: string) => string> = {
  required: (name) => `module.exports = require(${JSON.stringify(name)})`,
  'loaded-when-used': (name) =>
    `let loaded; module.exports = new Proxy({}, { get: (_, key) => (loaded ??= require(${JSON.stringify(name)}))[key] })`,
}

/** What main.ts imports, as imports for their effect: see "The start-up code in one chunk". */
function startUpImports(): string {
  const specs = [...readFileSync(entry, 'utf8').matchAll(/^import .* from ('[^']+')$/gm)]
  if (specs.length === 0) throw new Error(`${script}: found no import in src/cli/main.ts`)
  return specs.map((m) => `import ${m[1]}\n`).join('')
}

const wholeCli: Plugin = {
  name: 'whole-cli',
  setup(b) {
    b.onLoad({ filter: /.*/, namespace: 'by-require' }, (args) => ({
      contents: requireShims[args.suffix.slice(1)]!(args.path),
      loader: 'js',
    }))
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.namespace === 'by-require') return { path: args.path, external: true }
      if (args.kind === 'entry-point' || isAbsolute(args.path)) return undefined
      const fromPackage = args.importer.includes(nodeModules)
      if (isBuiltin(args.path)) {
        if (
          args.path === 'node:child_process' &&
          inPackages(args.importer).startsWith('commander/')
        )
          return { path: args.path, namespace: 'by-require', suffix: '?loaded-when-used' }
        // A static ES import; a package's require() takes the banner's require already, and
        // a dynamic import (readline for a question) is left to Node.
        if (args.kind === 'import-statement')
          return { path: args.path, namespace: 'by-require', suffix: '?required' }
        return { path: args.path, external: true }
      }
      // @duckdb/node-api is bundled; its bindings load a .node binary of a platform package.
      if (fromPackage && packageOf(args.path) === '@duckdb/node-bindings')
        return { path: args.path, external: true }
      if (fromPackage) return undefined
      if (args.path.startsWith('.')) {
        if (args.kind === 'dynamic-import')
          return { path: join(args.resolveDir, args.path), namespace: 'loaded-when-used' }
        return undefined // a module of src/ (checked when loaded)
      }
      const how = packages[packageOf(args.path)]
      if (how === 'external') return { path: args.path, external: true }
      if (how === 'required' && args.kind === 'import-statement')
        return { path: args.path, namespace: 'by-require', suffix: '?required' }
      if (how === 'required') return { path: args.path, external: true }
      if (how === 'bundled') return undefined
      return {
        errors: [
          {
            text: `${args.path} is imported by src/${inSrc(args.importer)}: list it in ${script} (packages) as bundled or external, and say why in its header`,
          },
        ],
      }
    })
    // A module of src/ loaded with `await import()`, behind the start-up code's imports.
    b.onLoad({ filter: /.*/, namespace: 'loaded-when-used' }, (args) => {
      const file = args.path.replace(/\.js$/, '.ts')
      const target = JSON.stringify(file)
      const hasDefault = /^export default /m.test(readFileSync(file, 'utf8'))
      return {
        contents: `${startUpImports()}export * from ${target}\n${hasDefault ? `export { default } from ${target}\n` : ''}`,
        loader: 'js',
        resolveDir: join(src, 'cli'),
      }
    })
    b.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, (args) => {
      const fromPackage = args.path.includes(nodeModules)
      const name = fromPackage ? inPackages(args.path) : inSrc(args.path)
      if (!fromPackage && name.startsWith('../'))
        return {
          errors: [{ text: `${args.path}: the bundle takes Miernik's modules from src/ only` }],
        }
      let contents = readFileSync(args.path, 'utf8')
      if (fromPackage) {
        if (
          /\b__dirname\b|\b__filename\b|\bimport\.meta\b/.test(contents) &&
          !(name in packageFilePaths)
        )
          return {
            errors: [
              {
                text: `${name} names __dirname, __filename or import.meta: a bundled package must read no file of its own (make it external, or list the file in ${script}, packageFilePaths, saying why it is safe)`,
              },
            ],
          }
        return undefined
      }
      if (contents.includes('import.meta') && !(name in importMeta))
        return {
          errors: [
            {
              text: `src/${name} uses import.meta: bundled, it runs from dist/cli/chunks/; check what it finds from there and list it in ${script} (importMeta)`,
            },
          ],
        }
      if (name === 'metrics/catalog.ts') contents = staticCatalogue(contents)
      contents = contents.replace(/^import \{ z \} from 'zod'$/gm, "import * as z from 'zod'")
      return { contents, loader: 'ts' }
    })
  },
}

/**
 * src/metrics/catalog.ts with every file of catalog/ imported statically instead of listed
 * and imported at run time: the same files in the same (sorted) order.
 */
function staticCatalogue(source: string): string {
  const files = readdirSync(join(src, 'metrics/catalog'))
    .filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts'))
    .sort()
  const replace = (text: string, from: string, to: string) => {
    if (text.split(from).length !== 2)
      throw new Error(
        `${script}: src/metrics/catalog.ts no longer has \`${from}\` once: update staticCatalogue`,
      )
    return text.replace(from, to)
  }
  const imports = files.map((f, i) => `import * as catalogFile${i} from './catalog/${f}'\n`)
  const table = `const catalogFiles: Record<string, object> = {${files.map((f, i) => `${JSON.stringify(f)}: catalogFile${i}`).join(', ')}}\n`
  let out = replace(source, 'readdirSync(folder)', 'Object.keys(catalogFiles)')
  out = replace(out, 'import(new URL(f, folder).href)', 'Promise.resolve(catalogFiles[f]!)')
  return imports.join('') + table + out
}

/** The files `miernik --help` loads (main.js and the chunks it imports) and their inputs. */
function startUpInputs(metafile: Metafile): string[] {
  const seen = new Set<string>()
  const visit = (output: string) => {
    if (seen.has(output)) return
    seen.add(output)
    for (const i of metafile.outputs[output]!.imports)
      if (i.kind === 'import-statement' && !i.external) visit(i.path)
  }
  visit(posix(relative(root, join(outdir, 'main.js'))))
  return [...seen].flatMap((output) => Object.keys(metafile.outputs[output]!.inputs))
}

// Chunks are named by their content: the last build's must not pile up.
rmSync(join(outdir, 'chunks'), { recursive: true, force: true })
const { metafile } = await build({
  absWorkingDir: root,
  entryPoints: { main: entry },
  outdir,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Comments and indentation left out: less for Node to read and parse at every start (the
  // sources are in src/; names are kept, so a stack trace still names its functions).
  minifyWhitespace: true,
  // Node's own modules, for the CommonJS packages and the shims above.
  banner: {
    js: "const require = process.getBuiltinModule('node:module').createRequire(import.meta.url)",
  },
  plugins: [wholeCli],
  metafile: true,
  logLevel: 'warning',
})

const notStartUp = startUpInputs(metafile).filter((input) => {
  if (!input.startsWith('src/') && !input.startsWith('node_modules/')) return false // shims
  if (input.startsWith('node_modules/'))
    return !startUpPackages.has(packageOf(inPackages(join(root, input))))
  return !startUp.has(inSrc(join(root, input)))
})
if (notStartUp.length > 0) {
  console.error(
    `${script}: \`miernik --help\` would load what is not listed in startUp:\n  ${notStartUp.join('\n  ')}\nimport it where it is used (await import), or list it`,
  )
  process.exit(1)
}
const metafileArg = process.argv.find((a) => a.startsWith('--metafile='))
if (metafileArg) writeFileSync(metafileArg.slice('--metafile='.length), JSON.stringify(metafile))
