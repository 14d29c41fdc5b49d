import type { AnchorHTMLAttributes, MouseEvent } from 'react'
import { navigate } from '../app/router.js'

/** An <a> that moves with the History API; modified clicks open a new tab as usual. */
export function Link(props: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    props.onClick?.(e)
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey)
      return
    e.preventDefault()
    navigate(props.href)
  }
  return <a {...props} onClick={onClick} />
}
