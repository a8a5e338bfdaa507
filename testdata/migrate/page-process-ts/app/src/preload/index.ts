import { ipcRenderer } from 'electron'

window.board = {
  status: (): Promise<BoardStatus> => ipcRenderer.invoke('board:status')
}
