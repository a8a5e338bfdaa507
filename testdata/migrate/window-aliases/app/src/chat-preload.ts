import { ipcRenderer } from 'electron'

interface ChatWindow extends Window {
  chat: { send(text: string): Promise<void> }
}
// The page's window, with the API this preload adds to it.
declare let window: ChatWindow

window.chat = {
  send: (text: string) => ipcRenderer.invoke('chat:send', text),
}
