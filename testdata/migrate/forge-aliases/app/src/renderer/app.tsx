import * as React from 'react'
import { createRoot } from 'react-dom/client'
import { TitleBar } from '@renderer/title-bar'

createRoot(document.getElementById('root')!).render(<TitleBar />)
