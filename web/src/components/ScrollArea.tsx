import { useEffect, useRef, useState, type ReactNode } from 'react'
import { useI18n } from '../i18n/i18n.js'

/**
 * A table's frame: when the table is wider than the screen it says so, and the frame can be
 * focused and scrolled with the keyboard (a scrolling region needs a name and a tab stop).
 */
export function ScrollArea(props: { label: string; className?: string; children: ReactNode }) {
  const { t } = useI18n()
  const ref = useRef<HTMLDivElement>(null)
  const [scrolls, setScrolls] = useState(false)
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const check = () => setScrolls(el.scrollWidth > el.clientWidth + 1)
    check()
    const observer = new ResizeObserver(check)
    observer.observe(el)
    if (el.firstElementChild) observer.observe(el.firstElementChild)
    return () => observer.disconnect()
  }, [])
  // One box (hint and frame together): in a grid it takes one cell.
  return (
    <div className="scroll-area">
      {scrolls ? (
        <p className="scroll-hint" data-testid="scroll-hint">
          {t('table.scrolls')} <span aria-hidden="true">→</span>
        </p>
      ) : null}
      <div
        ref={ref}
        className={`table-wrap ${props.className ?? ''}`}
        role="region"
        aria-label={t('table.frame', { name: props.label })}
        tabIndex={0}
      >
        {props.children}
      </div>
    </div>
  )
}
