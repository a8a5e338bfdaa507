// A small React page that uses every kind of message: invoke (getVersions), send (setTitle) and an event
// (onFocusChanged). React escapes text, and nothing here uses dangerouslySetInnerHTML.
import { useEffect, useState, type FormEvent } from 'react'
import type { GetVersions } from '../shared/contract'

type Versions = GetVersions['result']

export function App() {
  const [versions, setVersions] = useState<Versions | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [focused, setFocused] = useState<boolean | null>(null)
  const [title, setTitle] = useState('')

  // invoke: request/response.
  useEffect(() => {
    window.api.getVersions().then(setVersions, (reason: unknown) => setError(String(reason)))
  }, [])

  // event: the unsubscribe function onFocusChanged returns is the effect's cleanup.
  useEffect(() => window.api.onFocusChanged(setFocused), [])

  // send: fire-and-forget.
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    window.api.setTitle(title)
  }

  return (
    <main className="card">
      <img className="logo" src="./icon.svg" alt="" width={56} height={56} />
      <h1>{document.title}</h1>
      <p className="lead">Isolated, sandboxed, and typed from main to page, with React.</p>
      {error !== null ? (
        <p className="error">Could not read versions: {error}</p>
      ) : (
        <dl className="versions" aria-live="polite">
          {versions &&
            Object.entries(versions).map(([name, version]) => [
              <dt key={`${name}-name`}>{name}</dt>,
              <dd key={name}>{version}</dd>,
            ])}
        </dl>
      )}
      <form className="row" onSubmit={submit}>
        <label htmlFor="title-input">Window title</label>
        <input
          id="title-input"
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          placeholder="Type a title"
          autoComplete="off"
        />
        <button type="submit">Set title</button>
      </form>
      <p className="status">
        {focused === null
          ? 'Waiting for the window to be focused…'
          : focused
            ? 'The window is focused.'
            : 'The window is in the background.'}
      </p>
      <p className="links">
        <a href="https://www.electronjs.org/docs/latest/tutorial/security">Electron's security checklist</a>
      </p>
    </main>
  )
}
