// @ts-check
// Your main-process code for each message the page sends. registerIpc (ipc.js) calls these only after it has
// checked that the message comes from the app's own page and that primitive arguments have their declared types.
/** @import { Handlers } from './ipc' */
import { app, BrowserWindow } from 'electron'

/** @type {Handlers} */
export const handlers = {
  getVersions: () => ({
    app: app.getVersion(),
    electron: process.versions.electron,
    chrome: process.versions.chrome,
    node: process.versions.node,
  }),

  setTitle: (event, title) => {
    // The sender is trusted, but its data is still input: keep the title short and on one line.
    const clean = title.replace(/\s+/g, ' ').trim().slice(0, 120)
    BrowserWindow.fromWebContents(event.sender)?.setTitle(clean || app.getName())
  },
}
