/**
 * The bin, dist/cli/main.js, as one file (run by `npm run build`, after tsc): what every
 * command runs before its own code — the command line's parser (commander), the commands'
 * options and help — bundled by esbuild, so that `miernik --help` reads and links one module
 * rather than twenty-odd (each ESM module costs Node a resolution, a file read and a link;
 * commander, CommonJS, also a trip through the CommonJS loader). The commands' own modules
 * (./commands/*.js, loaded when a command runs) and everything else in dist/ stay as tsc
 * wrote them: the bundle imports them by the same relative paths, and dist/index.js (the
 * library) is untouched.
 *
 * A module is bundled only when listed in `bundled` below; the start-up code importing any
 * other module of src/ or any other package fails the build, naming it. A bundled module is
 * a second copy of a module the commands may load from dist/ too, so it must hold no state
 * and no class tested with instanceof: those modules are listed in `shared` and imported
 * from dist/, one copy for the whole process (MiernikError is tested with instanceof when
 * a command's error is reported; writeState is read by the Ctrl-C handler and written by
 * the transaction). `serve` loads dist/cli/program.js for its /api/cli endpoint: a second,
 * tsc-built copy of the start-up code in that process, harmless while it holds no state.
 *
 * Node's own modules are taken with require() (process.getBuiltinModule), not imported: an
 * ES import of one makes Node build a module facade of all its exports first. And commander's
 * node:child_process (with net, dgram and more streams) is loaded only if used: commander
 * runs a child process only for a subcommand that is a program of its own, which miernik
 * has none of.
 *
 *   npx tsx scripts/build-cli.ts
 */
import { dirname, join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, type Plugin } from 'esbuild'

const script = 'scripts/build-cli.ts'
const root = fileURLToPath(new URL('..', import.meta.url))
const src = join(root, 'src')
/** Where the entry is; the bundle takes its place in dist/ (dist/cli/main.js). */
const entryDir = join(src, 'cli')

/** Modules of src/ copied into the bundle: the start-up code, holding no state. */
const bundled = new Set([
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
  'ingest/presets/names.ts',
  'model/entity-names.ts',
  'review/render/file-name.ts',
  'server/server-file.ts',
  'store/location.ts',
  'store/settings.ts',
  'store/data-version.ts',
  'validation.ts',
])
/** Modules of src/ the start-up code imports from dist/: one copy shared with the commands. */
const shared = new Set(['errors.ts', 'store/transaction.ts'])
/** Packages copied into the bundle. */
const packages = new Set(['commander'])

/** `file` (in src/) as the bundle imports it from dist/cli/: ../errors.js, ./commands/x.js. */
function fromEntry(file: string): string {
  const path = relative(entryDir, file).split(sep).join('/').replace(/\.ts$/, '.js')
  return path.startsWith('.') ? path : `./${path}`
}

/** The bundle's own modules standing for Node's: see the comment at the top. */
const builtinShims: Record<string, (name: string) => string> = {
  required: (name) => `module.exports = require(${JSON.stringify(name)})`,
  'loaded-when-used': (name) =>
    `let loaded; module.exports = new Proxy({}, { get: (_, key) => (loaded ??= require(${JSON.stringify(name)}))[key] })`,
}

const startUpOnly: Plugin = {
  name: 'start-up-only',
  setup(b) {
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({
      contents: builtinShims[args.suffix.slice(1)]!(args.path),
      loader: 'js',
    }))
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.namespace === 'builtin') return { path: args.path, external: true }
      if (args.path === 'node:child_process' && args.importer.includes(`${sep}commander${sep}`))
        return { path: args.path, namespace: 'builtin', suffix: '?loaded-when-used' }
      if (args.kind === 'entry-point' || args.importer.includes(`${sep}node_modules${sep}`))
        return undefined
      const relativeSpec = args.path.startsWith('.')
      const file = relativeSpec ? join(dirname(args.importer), args.path) : ''
      // Loaded when used (a command's modules, readline for a question): left to Node.
      if (args.kind === 'dynamic-import')
        return { path: relativeSpec ? fromEntry(file) : args.path, external: true }
      if (!relativeSpec) {
        if (args.path.startsWith('node:'))
          return { path: args.path, namespace: 'builtin', suffix: '?required' }
        if (packages.has(args.path)) return undefined
        return {
          errors: [
            {
              text: `${args.path} is imported at start-up: import it where it is used, or list it in ${script} (packages)`,
            },
          ],
        }
      }
      const name = relative(src, file).split(sep).join('/').replace(/\.js$/, '.ts')
      if (bundled.has(name)) return { path: join(src, name) }
      if (shared.has(name)) return { path: fromEntry(join(src, name)), external: true }
      return {
        errors: [
          {
            text: `src/${name} is imported at start-up: list it in ${script} as bundled (no state of its own) or shared`,
          },
        ],
      }
    })
  },
}

await build({
  entryPoints: [join(entryDir, 'main.ts')],
  outfile: join(root, 'dist/cli/main.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Comments and indentation left out: less for Node to read and parse at every start (the
  // sources are in src/; names are kept, so a stack trace still names its functions).
  minifyWhitespace: true,
  // Node's own modules, for commander (CommonJS) and the shims above.
  banner: {
    js: "const require = process.getBuiltinModule('node:module').createRequire(import.meta.url)",
  },
  plugins: [startUpOnly],
  logLevel: 'warning',
})
