import { openStore } from '../../store/open-store.js'
import { readSettings, settingHelp, settingKeys, writeSetting } from '../../store/settings.js'
import { MiernikError } from '../../errors.js'
import type { Io } from '../io.js'

export async function configCommand(
  action: string,
  key: string | undefined,
  value: string | undefined,
  db: string | undefined,
  io: Io,
): Promise<number> {
  const store = await openStore(db, { create: action === 'set' })
  try {
    if (action === 'set') {
      if (!key || value === undefined)
        throw new MiernikError('USAGE', 'usage: miernik config set KEY VALUE')
      io.out(`${key} = ${await writeSetting(store, key, value)}`)
      return 0
    }
    if (action === 'get' || action === 'list') {
      const settings = await readSettings(store)
      const keys = key ? [key] : settingKeys
      for (const k of keys) {
        if (!(settingKeys as string[]).includes(k))
          throw new MiernikError(
            'INVALID_SETTING',
            `unknown setting '${k}'; known: ${settingKeys.join(', ')}`,
          )
        const v = settings[k as keyof typeof settings]
        io.out(
          key
            ? String(v ?? '')
            : `${k} = ${v ?? ''}    # ${settingHelp(k as keyof typeof settings)}`,
        )
      }
      return 0
    }
    throw new MiernikError('USAGE', `unknown config action '${action}': use get, set or list`)
  } finally {
    await store.close()
  }
}
