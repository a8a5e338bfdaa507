import * as React from 'react'

export function TitleBar () {
  const shell = (window as any).shell
  return (
    <header>
      <button onClick={() => shell.minimize()}>_</button>
      <button onClick={() => shell.close()}>x</button>
    </header>
  )
}
