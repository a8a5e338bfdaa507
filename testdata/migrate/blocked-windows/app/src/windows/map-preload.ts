import { ipcRenderer } from 'electron'

// A type written in a form isolate's parser does not read yet.
type Tile = import('./tiles').Tile<'png'>

const cache: Tile[] = []
;(window as any).map = {
  tile: (x: number, y: number) => ipcRenderer.invoke('map:tile', x, y),
  cached: () => cache.length,
}
