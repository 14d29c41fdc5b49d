import { cloneElement, useId, type ReactElement } from 'react'

/** A labelled control: <label for> + the control, so its accessible name is the label alone. */
export function Field(props: { label: string; children: ReactElement<{ id?: string }> }) {
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {cloneElement(props.children, { id })}
    </div>
  )
}
