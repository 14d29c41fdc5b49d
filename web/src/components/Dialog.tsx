import { useEffect, useRef, type ReactNode } from 'react'

/** A native modal <dialog>: focus stays inside, Escape and the close button call onClose. */
export function Dialog(props: {
  title: ReactNode
  titleId: string
  onClose: () => void
  closeLabel: string
  className?: string
  testId?: string
  children: ReactNode
}) {
  const ref = useRef<HTMLDialogElement>(null)
  const onClose = useRef(props.onClose)
  useEffect(() => {
    onClose.current = props.onClose
  })
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    // Focus goes back where it was when the dialog closes (the value that opened it).
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    if (!dialog.open) dialog.showModal()
    const cancel = (e: Event) => {
      e.preventDefault()
      onClose.current()
    }
    dialog.addEventListener('cancel', cancel)
    return () => {
      dialog.removeEventListener('cancel', cancel)
      if (dialog.open) dialog.close()
      if (opener?.isConnected) opener.focus()
    }
  }, [])
  return (
    <dialog
      ref={ref}
      className={`dialog ${props.className ?? ''}`}
      aria-labelledby={props.titleId}
      data-testid={props.testId}
      onClick={(e) => {
        if (e.target === ref.current) onClose.current()
      }}
    >
      <div className="dialog-head">
        <h2 id={props.titleId}>{props.title}</h2>
        <button
          type="button"
          className="icon-button"
          aria-label={props.closeLabel}
          onClick={() => onClose.current()}
        >
          ✕
        </button>
      </div>
      <div className="dialog-body">{props.children}</div>
    </dialog>
  )
}
